/** What the no-petition villages domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { PETITION_PERMISSIONS } from './permissions.js';
import { PETITION_AUDIT_ACTIONS } from './audit.js';
import { PETITION_ERRORS } from './errors.js';

export const petitionsDomain = defineDomain({
  permissions: PETITION_PERMISSIONS,
  auditActions: PETITION_AUDIT_ACTIONS,
  errors: PETITION_ERRORS,
});
