/** What the users domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { USER_PERMISSIONS } from './permissions.js';
import { USER_AUDIT_ACTIONS } from './audit.js';
import { USER_ERRORS } from './errors.js';

export const usersDomain = defineDomain({
  permissions: USER_PERMISSIONS,
  auditActions: USER_AUDIT_ACTIONS,
  errors: USER_ERRORS,
});
