/** What the risk-warnings domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { WARNING_PERMISSIONS } from './permissions.js';
import { WARNING_AUDIT_ACTIONS } from './audit.js';
import { WARNING_MESSAGES } from './messages.js';
import { WARNING_ERRORS } from './errors.js';

export const warningsDomain = defineDomain({
  permissions: WARNING_PERMISSIONS,
  auditActions: WARNING_AUDIT_ACTIONS,
  messages: WARNING_MESSAGES,
  errors: WARNING_ERRORS,
});
