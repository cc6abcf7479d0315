import { definePermissions } from '../permission-kit.js';

/**
 * Outbound call campaigns (智能外呼, M6): command-centre operators write a script, pick the
 * residents to call and the call windows, approve and run the campaign, follow its progress and
 * export its results; grid workers receive the follow-up tasks an answer raised in their grid.
 */
export const CALLOUT_PERMISSIONS = definePermissions({
  /** Campaigns of the region subtree: progress, per-target results (phones masked), prompts. */
  'callout:read': { zh: '查阅外呼任务', en: 'Read call campaigns', roles: ['operator'] },
  /** Draft, edit, start, pause, resume, complete and cancel campaigns of the region subtree; export results. */
  'callout:manage': { zh: '管理外呼任务', en: 'Manage call campaigns', roles: ['operator'] },
  /** Approve a drafted campaign (its script is frozen then). */
  'callout:approve': { zh: '审批外呼任务', en: 'Approve call campaigns', roles: ['operator'] },
  /** The follow-up tasks call answers raised in one's grid: list and mark done. */
  'callout:task': { zh: '处理外呼回访任务', en: 'Handle call follow-ups', roles: ['operator', 'grid_worker'] },
});
