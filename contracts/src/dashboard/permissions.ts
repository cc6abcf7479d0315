import { definePermissions } from '../permission-kit.js';

export const DASHBOARD_PERMISSIONS = definePermissions({
  /** The command-centre dashboard of the caller's region or grid. */
  'dashboard:read': { zh: '查看指挥中心大屏', en: 'Open the command-centre dashboard', roles: ['operator', 'grid_worker'] },
  /** The live feed; each event is also filtered by its own permission and record scope. */
  'live:read': { zh: '接收实时动态', en: 'Receive the live feed', roles: ['operator', 'department_handler', 'grid_worker'] },
});
