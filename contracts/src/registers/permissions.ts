import { definePermissions } from '../permission-kit.js';

/**
 * The base registers' permissions. A register spec names the ones it needs, so a more
 * sensitive register (key persons) declares its own instead of sharing these.
 */
export const REGISTER_PERMISSIONS = definePermissions({
  'register:read': { zh: '查看基础台账', en: 'Read the base registers', roles: ['operator', 'department_handler', 'grid_worker'] },
  // Grid workers keep their own grid's registers up to date from door-to-door visits.
  'register:write': { zh: '维护基础台账', en: 'Maintain the base registers', roles: ['operator', 'grid_worker'] },
  /** See full ID numbers and phones, with a stated reason; every use is audited and rate-limited. */
  'register:unmask': { zh: '查看完整身份证号和电话', en: 'See full ID numbers and phones', roles: ['operator'] },
  'register:import': { zh: '批量导入台账', en: 'Import registers in bulk', roles: ['operator'] },
  'register:export': { zh: '导出台账', en: 'Export registers', roles: ['operator'] },
  /** Approve another person's large export (two-person rule). */
  'export:approve': { zh: '审批他人的大批量导出', en: 'Approve another person\'s large export', roles: ['operator'] },
});
