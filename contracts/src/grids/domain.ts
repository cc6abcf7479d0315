/** What the grids domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { GRID_PERMISSIONS } from './permissions.js';
import { GRID_AUDIT_ACTIONS } from './audit.js';

export const gridsDomain = defineDomain({
  permissions: GRID_PERMISSIONS,
  auditActions: GRID_AUDIT_ACTIONS,
});
