import { definePermissions } from '../permission-kit.js';

/**
 * The event closed loop. What a holder may do is always narrowed by scope: an operator's
 * region subtree and handling level, a grid worker's grid, a handler's department, a
 * reporter's own reports.
 */
export const TICKET_PERMISSIONS = definePermissions({
  /** File reports, and follow, rate and reopen one's own. */
  'ticket:report': { zh: '反映问题', en: 'Report a problem', roles: ['resident', 'grid_worker', 'operator'] },
  /** Read every ticket in one's scope (a region subtree, or one grid). */
  'ticket:read': { zh: '查看辖区工单', en: 'Read the tickets in one\'s scope', roles: ['operator', 'grid_worker'] },
  /** Accept, reject, merge, dispatch, transfer, close, revisit and escalate at one's level. */
  'ticket:dispatch': { zh: '受理、分流交办、办结', en: 'Accept, dispatch and close tickets', roles: ['operator'] },
  /** Sign for, handle and report back on the work of one's department, or small matters in one's grid. */
  'ticket:handle': { zh: '签收、处置、反馈', en: 'Sign for, handle and report back', roles: ['department_handler', 'grid_worker'] },
  /** Supervise (督办), summon departments (吹哨) and decide extensions. */
  'ticket:supervise': { zh: '督办、吹哨、审批延期', en: 'Supervise, summon departments, decide extensions', roles: ['operator'] },
  /** Categories, time limits, departments, Open311 clients. */
  /** Export a ticket list view (within one's scope, no reporter personal data) to Excel. */
  'ticket:export': { zh: '导出工单列表', en: 'Export ticket lists', roles: ['operator', 'grid_worker'] },
  'ticket:config': { zh: '配置事件类型、时限和部门', en: 'Configure categories, limits and departments', roles: ['system_admin'] },
});
