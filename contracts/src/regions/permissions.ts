import { definePermissions } from '../permission-kit.js';

export const REGION_PERMISSIONS = definePermissions({
  'region:read': {
    zh: '查看行政区划', en: 'Read the region tree',
    // Not department handlers: they work the tickets dispatched to them, whose places the tickets name.
    roles: ['system_admin', 'security_admin', 'auditor', 'operator', 'grid_worker'],
  },
  'region:write': { zh: '维护行政区划', en: 'Maintain the region tree', roles: ['system_admin'] },
});
