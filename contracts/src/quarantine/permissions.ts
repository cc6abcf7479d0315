import { definePermissions } from '../permission-kit.js';

/**
 * Quarantine orders are health data: operators read and manage those of their region subtree;
 * grid workers read and follow up those of their grid. The rule is the deployment's, changed at the top.
 */
export const QUARANTINE_PERMISSIONS = definePermissions({
  /** Orders in scope (masked, audited; detail for a stated purpose), the sites and their occupancy. */
  'quarantine:read': { zh: '查阅隔离人员', en: 'Read quarantine orders', roles: ['operator', 'grid_worker'] },
  /** Give orders, start, release, mark lost, transfer or cancel them; manage sites. The supervisor of follow-ups (fever alerts). */
  'quarantine:manage': { zh: '管理隔离', en: 'Manage quarantine', roles: ['operator'] },
  /** Record the daily follow-up (temperature, symptoms, test result) of orders in scope. */
  'quarantine:follow': { zh: '隔离人员每日随访', en: 'Follow up quarantined people', roles: ['operator', 'grid_worker'] },
  /** Change the quarantine rule (a new version; operators whose scope is the whole deployment). */
  'quarantine:rule': { zh: '设置隔离规则', en: 'Set the quarantine rule', roles: ['operator'] },
});
