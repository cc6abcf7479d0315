/** What the sensing domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { SENSING_PERMISSIONS } from './permissions.js';
import { SENSING_AUDIT_ACTIONS } from './audit.js';
import { SENSING_MESSAGES } from './messages.js';
import { SENSING_ERRORS } from './errors.js';
import { SENSING_ENUM_LABELS } from './labels.js';

export const sensingDomain = defineDomain({
  permissions: SENSING_PERMISSIONS,
  auditActions: SENSING_AUDIT_ACTIONS,
  messages: SENSING_MESSAGES,
  errors: SENSING_ERRORS,
  enums: SENSING_ENUM_LABELS,
});
