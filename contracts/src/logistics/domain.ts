/** What the logistics domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { LOGISTICS_PERMISSIONS } from './permissions.js';
import { LOGISTICS_AUDIT_ACTIONS } from './audit.js';
import { LOGISTICS_MESSAGES } from './messages.js';
import { LOGISTICS_ERRORS } from './errors.js';
import { LOGISTICS_ENUM_LABELS } from './labels.js';

export const logisticsDomain = defineDomain({
  permissions: LOGISTICS_PERMISSIONS,
  auditActions: LOGISTICS_AUDIT_ACTIONS,
  messages: LOGISTICS_MESSAGES,
  errors: LOGISTICS_ERRORS,
  enums: LOGISTICS_ENUM_LABELS,
});
