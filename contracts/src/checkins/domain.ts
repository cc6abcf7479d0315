/** What the check-ins domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { CHECKIN_PERMISSIONS } from './permissions.js';
import { CHECKIN_AUDIT_ACTIONS } from './audit.js';
import { CHECKIN_MESSAGES } from './messages.js';
import { CHECKIN_ERRORS } from './errors.js';
import { CHECKIN_ENUM_LABELS } from './labels.js';

export const checkinsDomain = defineDomain({
  permissions: CHECKIN_PERMISSIONS,
  auditActions: CHECKIN_AUDIT_ACTIONS,
  messages: CHECKIN_MESSAGES,
  errors: CHECKIN_ERRORS,
  enums: CHECKIN_ENUM_LABELS,
});
