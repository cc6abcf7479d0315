/** What the supplies domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { SUPPLIES_PERMISSIONS } from './permissions.js';
import { SUPPLIES_AUDIT_ACTIONS } from './audit.js';
import { SUPPLIES_MESSAGES } from './messages.js';
import { SUPPLIES_ERRORS } from './errors.js';
import { SUPPLIES_ENUM_LABELS } from './labels.js';

export const suppliesDomain = defineDomain({
  permissions: SUPPLIES_PERMISSIONS,
  auditActions: SUPPLIES_AUDIT_ACTIONS,
  messages: SUPPLIES_MESSAGES,
  errors: SUPPLIES_ERRORS,
  enums: SUPPLIES_ENUM_LABELS,
});
