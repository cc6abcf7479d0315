import { definePermissions } from '../permission-kit.js';

export const GRID_PERMISSIONS = definePermissions({
  'grid:read': { zh: '查看网格', en: 'Read grids', roles: ['system_admin', 'operator', 'department_handler', 'grid_worker'] },
  'grid:write': { zh: '划分和维护网格', en: 'Draw and maintain grids', roles: ['system_admin'] },
});
