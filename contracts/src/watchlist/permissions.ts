import { definePermissions } from '../permission-kit.js';

/**
 * The watch list (布控名单, M7): plates and ID numbers that captures are matched against. Operators
 * see the entries of their region subtree (never the value, only its last characters); operators
 * at county level or above add and deactivate them. Grid workers have neither.
 */
export const WATCHLIST_PERMISSIONS = definePermissions({
  /** Entries of the subtree: kind, hint (`**A123`), label, level, severity, state. Never the value. */
  'watchlist:read': { zh: '查阅布控名单', en: 'Read the watch list', roles: ['operator'] },
  /** Add and deactivate entries of the subtree (county level or above only). */
  'watchlist:manage': { zh: '管理布控名单', en: 'Manage the watch list', roles: ['operator'] },
});
