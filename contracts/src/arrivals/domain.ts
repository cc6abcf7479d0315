/** What the arrivals domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { ARRIVAL_PERMISSIONS } from './permissions.js';
import { ARRIVAL_AUDIT_ACTIONS } from './audit.js';
import { ARRIVAL_MESSAGES } from './messages.js';
import { ARRIVAL_ERRORS } from './errors.js';
import { ARRIVAL_ENUM_LABELS } from './labels.js';

export const arrivalsDomain = defineDomain({
  permissions: ARRIVAL_PERMISSIONS,
  auditActions: ARRIVAL_AUDIT_ACTIONS,
  messages: ARRIVAL_MESSAGES,
  errors: ARRIVAL_ERRORS,
  enums: ARRIVAL_ENUM_LABELS,
});
