/** What the key-persons domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { KEYPERSON_PERMISSIONS } from './permissions.js';
import { KEYPERSON_AUDIT_ACTIONS } from './audit.js';
import { KEYPERSON_MESSAGES } from './messages.js';
import { KEYPERSON_ERRORS } from './errors.js';
import { KEYPERSON_ENUM_LABELS } from './labels.js';

export const keypersonsDomain = defineDomain({
  permissions: KEYPERSON_PERMISSIONS,
  auditActions: KEYPERSON_AUDIT_ACTIONS,
  messages: KEYPERSON_MESSAGES,
  errors: KEYPERSON_ERRORS,
  enums: KEYPERSON_ENUM_LABELS,
});
