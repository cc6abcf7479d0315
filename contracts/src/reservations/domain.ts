/** What the reservations domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { RESERVATION_PERMISSIONS } from './permissions.js';
import { RESERVATION_AUDIT_ACTIONS } from './audit.js';
import { RESERVATION_MESSAGES } from './messages.js';
import { RESERVATION_ERRORS } from './errors.js';

export const reservationsDomain = defineDomain({
  permissions: RESERVATION_PERMISSIONS,
  auditActions: RESERVATION_AUDIT_ACTIONS,
  messages: RESERVATION_MESSAGES,
  errors: RESERVATION_ERRORS,
});
