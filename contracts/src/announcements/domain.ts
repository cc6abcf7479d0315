/** What the announcements domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { ANNOUNCEMENT_PERMISSIONS } from './permissions.js';
import { ANNOUNCEMENT_AUDIT_ACTIONS } from './audit.js';
import { ANNOUNCEMENT_MESSAGES } from './messages.js';
import { ANNOUNCEMENT_ERRORS } from './errors.js';

export const announcementsDomain = defineDomain({
  permissions: ANNOUNCEMENT_PERMISSIONS,
  auditActions: ANNOUNCEMENT_AUDIT_ACTIONS,
  messages: ANNOUNCEMENT_MESSAGES,
  errors: ANNOUNCEMENT_ERRORS,
});
