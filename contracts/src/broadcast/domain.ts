/** What the broadcast domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { BROADCAST_PERMISSIONS } from './permissions.js';
import { BROADCAST_AUDIT_ACTIONS } from './audit.js';
import { BROADCAST_MESSAGES } from './messages.js';
import { BROADCAST_ERRORS } from './errors.js';
import { BROADCAST_ENUM_LABELS } from './labels.js';

export const broadcastDomain = defineDomain({
  permissions: BROADCAST_PERMISSIONS,
  auditActions: BROADCAST_AUDIT_ACTIONS,
  messages: BROADCAST_MESSAGES,
  errors: BROADCAST_ERRORS,
  enums: BROADCAST_ENUM_LABELS,
});
