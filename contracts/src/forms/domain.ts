/** What the forms domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { FORM_PERMISSIONS } from './permissions.js';
import { FORM_AUDIT_ACTIONS } from './audit.js';

export const formsDomain = defineDomain({
  permissions: FORM_PERMISSIONS,
  auditActions: FORM_AUDIT_ACTIONS,
});
