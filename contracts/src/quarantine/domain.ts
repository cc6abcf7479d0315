/** What the quarantine domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { QUARANTINE_PERMISSIONS } from './permissions.js';
import { QUARANTINE_AUDIT_ACTIONS } from './audit.js';
import { QUARANTINE_MESSAGES } from './messages.js';
import { QUARANTINE_ERRORS } from './errors.js';
import { QUARANTINE_ENUM_LABELS } from './labels.js';

export const quarantineDomain = defineDomain({
  permissions: QUARANTINE_PERMISSIONS,
  auditActions: QUARANTINE_AUDIT_ACTIONS,
  messages: QUARANTINE_MESSAGES,
  errors: QUARANTINE_ERRORS,
  enums: QUARANTINE_ENUM_LABELS,
});
