/** What the dashboard domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { DASHBOARD_PERMISSIONS } from './permissions.js';

export const dashboardDomain = defineDomain({
  permissions: DASHBOARD_PERMISSIONS,
});
