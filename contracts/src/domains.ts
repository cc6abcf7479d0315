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
import { keypersonsDomain } from './keypersons/domain.js';
import { disputesDomain } from './disputes/domain.js';
import { warningsDomain } from './warnings/domain.js';
import { accessDomain } from './access/domain.js';
import { petitionsDomain } from './petitions/domain.js';
import { reservationsDomain } from './reservations/domain.js';
import { campaignsDomain } from './campaigns/domain.js';
import { declarationsDomain } from './declarations/domain.js';
import { enterprisesDomain } from './enterprises/domain.js';
import { publicinfoDomain } from './publicinfo/domain.js';
import { arrivalsDomain } from './arrivals/domain.js';
import { checkinsDomain } from './checkins/domain.js';
import { tracingDomain } from './tracing/domain.js';
import { quarantineDomain } from './quarantine/domain.js';
import { healthcodeDomain } from './healthcode/domain.js';
import { suppliesDomain } from './supplies/domain.js';
import { emergencyDomain } from './emergency/domain.js';
import { logisticsDomain } from './logistics/domain.js';
import { broadcastDomain } from './broadcast/domain.js';
import { calloutsDomain } from './callouts/domain.js';
import { devicesDomain } from './devices/domain.js';
import { sensingDomain } from './sensing/domain.js';
import { watchlistDomain } from './watchlist/domain.js';

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
  keypersons: keypersonsDomain,
  disputes: disputesDomain,
  warnings: warningsDomain,
  access: accessDomain,
  petitions: petitionsDomain,
  reservations: reservationsDomain,
  campaigns: campaignsDomain,
  declarations: declarationsDomain,
  enterprises: enterprisesDomain,
  publicinfo: publicinfoDomain,
  arrivals: arrivalsDomain,
  checkins: checkinsDomain,
  tracing: tracingDomain,
  quarantine: quarantineDomain,
  healthcode: healthcodeDomain,
  supplies: suppliesDomain,
  emergency: emergencyDomain,
  logistics: logisticsDomain,
  broadcast: broadcastDomain,
  callouts: calloutsDomain,
  devices: devicesDomain,
  sensing: sensingDomain,
  watchlist: watchlistDomain,
} as const;
