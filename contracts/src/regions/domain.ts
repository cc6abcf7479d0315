/** What the regions domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { REGION_PERMISSIONS } from './permissions.js';
import { REGION_AUDIT_ACTIONS } from './audit.js';

export const regionsDomain = defineDomain({
  permissions: REGION_PERMISSIONS,
  auditActions: REGION_AUDIT_ACTIONS,
});
