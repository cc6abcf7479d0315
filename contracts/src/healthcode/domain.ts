/** What the health code domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { HEALTHCODE_PERMISSIONS } from './permissions.js';
import { HEALTHCODE_AUDIT_ACTIONS } from './audit.js';
import { HEALTHCODE_MESSAGES } from './messages.js';
import { HEALTHCODE_ERRORS } from './errors.js';
import { HEALTHCODE_ENUM_LABELS } from './labels.js';

export const healthcodeDomain = defineDomain({
  permissions: HEALTHCODE_PERMISSIONS,
  auditActions: HEALTHCODE_AUDIT_ACTIONS,
  messages: HEALTHCODE_MESSAGES,
  errors: HEALTHCODE_ERRORS,
  enums: HEALTHCODE_ENUM_LABELS,
});
