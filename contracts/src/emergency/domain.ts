/** What the emergency domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { EMERGENCY_PERMISSIONS } from './permissions.js';
import { EMERGENCY_AUDIT_ACTIONS } from './audit.js';
import { EMERGENCY_MESSAGES } from './messages.js';
import { EMERGENCY_ERRORS } from './errors.js';
import { EMERGENCY_ENUM_LABELS } from './labels.js';

export const emergencyDomain = defineDomain({
  permissions: EMERGENCY_PERMISSIONS,
  auditActions: EMERGENCY_AUDIT_ACTIONS,
  messages: EMERGENCY_MESSAGES,
  errors: EMERGENCY_ERRORS,
  enums: EMERGENCY_ENUM_LABELS,
});
