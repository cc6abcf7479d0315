/** What the registers domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { REGISTER_PERMISSIONS } from './permissions.js';
import { REGISTER_AUDIT_ACTIONS } from './audit.js';
import { REGISTER_ENUM_LABELS } from './labels.js';
import { REGISTER_ERRORS } from './errors.js';

export const registersDomain = defineDomain({
  permissions: REGISTER_PERMISSIONS,
  auditActions: REGISTER_AUDIT_ACTIONS,
  enums: REGISTER_ENUM_LABELS,
  errors: REGISTER_ERRORS,
});
