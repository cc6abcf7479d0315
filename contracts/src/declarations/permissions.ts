import { definePermissions } from '../permission-kit.js';

/**
 * Self-declarations (市民自主填报) are health data: only command-centre operators (their region)
 * and grid workers (their grid) read them, each detail with a stated purpose and audited.
 */
export const DECLARATION_PERMISSIONS = definePermissions({
  /** Declarations of one's scope: lists (masked), details (with a purpose, audited), counts. */
  'declaration:read': { zh: '查阅健康申报', en: 'Read health declarations', roles: ['operator', 'grid_worker'] },
  /** Record a declaration a resident gave by phone (电话代填). */
  'declaration:record': { zh: '代录健康申报', en: 'Record health declarations taken by phone', roles: ['operator', 'grid_worker'] },
});
