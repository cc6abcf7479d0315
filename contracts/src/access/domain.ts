/** What the gate-access domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { ACCESS_PERMISSIONS } from './permissions.js';
import { ACCESS_AUDIT_ACTIONS } from './audit.js';
import { ACCESS_ERRORS } from './errors.js';

export const accessDomain = defineDomain({
  permissions: ACCESS_PERMISSIONS,
  auditActions: ACCESS_AUDIT_ACTIONS,
  errors: ACCESS_ERRORS,
});
