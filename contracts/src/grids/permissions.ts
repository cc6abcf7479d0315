import { definePermissions } from '../permission-kit.js';

export const GRID_PERMISSIONS = definePermissions({
  // Not department handlers: grid administration and the map of grids are not their work.
  'grid:read': { zh: '查看网格', en: 'Read grids', roles: ['system_admin', 'operator', 'grid_worker'] },
  'grid:write': { zh: '划分和维护网格', en: 'Draw and maintain grids', roles: ['system_admin'] },
  /** The grid worker of one's grid: listed on the grid, told of its matters, counted on the dashboard. */
  'grid:work': { zh: '担任本网格网格员', en: 'Work one\'s grid as its grid worker', roles: ['grid_worker'] },
});
