/** What the devices domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { DEVICES_PERMISSIONS } from './permissions.js';
import { DEVICES_AUDIT_ACTIONS } from './audit.js';
import { DEVICES_MESSAGES } from './messages.js';
import { DEVICES_ERRORS } from './errors.js';
import { DEVICES_ENUM_LABELS } from './labels.js';

export const devicesDomain = defineDomain({
  permissions: DEVICES_PERMISSIONS,
  auditActions: DEVICES_AUDIT_ACTIONS,
  messages: DEVICES_MESSAGES,
  errors: DEVICES_ERRORS,
  enums: DEVICES_ENUM_LABELS,
});
