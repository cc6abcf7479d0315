import { definePermissions } from '../permission-kit.js';

/**
 * Risk warnings (风险监测预警): among the most sensitive records. Operators of the warning's level
 * handle them, grid workers read those of their grid, a department handler only what was
 * assigned to its department or to them. System and security admins, auditors and residents see nothing.
 */
export const WARNING_PERMISSIONS = definePermissions({
  'warning:read': { zh: '查看风险预警', en: 'Read risk warnings', roles: ['operator', 'grid_worker'] },
  'warning:handle': { zh: '处置风险预警', en: 'Handle risk warnings', roles: ['operator'] },
  'warning:assigned': { zh: '处置交办的风险预警', en: 'Handle risk warnings assigned to one\'s department', roles: ['department_handler'] },
  'warning:configure': { zh: '配置预警规则', en: 'Configure warning rules', roles: ['operator'] },
});
