import { definePermissions } from '../permission-kit.js';

/**
 * Arrivals are personal data: operators read those of their region subtree (and the unmatched
 * ones their region imported), grid workers those attached to their grid (their tasks).
 */
export const ARRIVAL_PERMISSIONS = definePermissions({
  /** Arrivals in scope: lists (masked, audited), one arrival (audited). */
  'arrival:read': { zh: '查阅出入境人员', en: 'Read arrivals', roles: ['operator', 'grid_worker'] },
  /** Import the checkpoints' arrival lists (xlsx/csv) through the import wizard. */
  'arrival:import': { zh: '导入出入境人员名单', en: 'Import arrival lists', roles: ['operator'] },
  /** Mark an arrival in scope checked (核查). */
  'arrival:check': { zh: '核查出入境人员', en: 'Check on arrivals', roles: ['operator', 'grid_worker'] },
});
