/** What the audit domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { AUDIT_PERMISSIONS } from './permissions.js';

export const auditDomain = defineDomain({
  permissions: AUDIT_PERMISSIONS,
});
