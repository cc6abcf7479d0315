import { definePermissions } from '../permission-kit.js';

/**
 * Emergency supplies: operators read and manage the warehouses, stock and counts of their region
 * subtree (and see the warehouses above them); communities and grid workers request supplies;
 * operators approve, allocate and fulfil requests of their subtree.
 */
export const SUPPLIES_PERMISSIONS = definePermissions({
  /** Warehouses in scope and above, stock, lots, the stock card, moves, counts, requests of the subtree. */
  'supplies:read': { zh: '查看应急物资', en: 'Read emergency supplies', roles: ['operator'] },
  /** Warehouses, levels and the reserve list, receipts, issues, adjustments, transfers, counts, local items. */
  'supplies:manage': { zh: '管理应急物资仓储', en: 'Manage emergency supply stock', roles: ['operator'] },
  /** Draft and submit requests for one's region (or grid), and cancel one's drafts. */
  'supplies:request': { zh: '申领应急物资', en: 'Request emergency supplies', roles: ['operator', 'grid_worker'] },
  /** Approve or reject requests of the subtree, record allocations and fulfil them. */
  'supplies:approve': { zh: '审批调配应急物资', en: 'Approve and allocate supply requests', roles: ['operator'] },
});
