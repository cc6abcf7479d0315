/**
 * Every domain of the contracts. Adding a domain is its folder (with a `domain.ts`) and its
 * entry here: its permissions, audit actions and messages are then known everywhere.
 */
import { authDomain } from './auth/domain.js';
import { regionsDomain } from './regions/domain.js';
import { gridsDomain } from './grids/domain.js';
import { usersDomain } from './users/domain.js';
import { auditDomain } from './audit/domain.js';
import { dashboardDomain } from './dashboard/domain.js';
import { departmentsDomain } from './departments/domain.js';
import { registersDomain } from './registers/domain.js';
import { transfersDomain } from './transfers/domain.js';
import { ticketsDomain } from './tickets/domain.js';
import { formsDomain } from './forms/domain.js';
import { announcementsDomain } from './announcements/domain.js';

export const DOMAINS = {
  auth: authDomain,
  regions: regionsDomain,
  grids: gridsDomain,
  users: usersDomain,
  audit: auditDomain,
  dashboard: dashboardDomain,
  departments: departmentsDomain,
  registers: registersDomain,
  transfers: transfersDomain,
  tickets: ticketsDomain,
  forms: formsDomain,
  announcements: announcementsDomain,
} as const;
