/** What the enterprises domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { ENTERPRISE_PERMISSIONS } from './permissions.js';
import { ENTERPRISE_AUDIT_ACTIONS } from './audit.js';
import { ENTERPRISE_MESSAGES } from './messages.js';
import { ENTERPRISE_ERRORS } from './errors.js';

export const enterprisesDomain = defineDomain({
  permissions: ENTERPRISE_PERMISSIONS,
  auditActions: ENTERPRISE_AUDIT_ACTIONS,
  messages: ENTERPRISE_MESSAGES,
  errors: ENTERPRISE_ERRORS,
});
