import { defineAuditActions } from '../audit-kit.js';

export const WATCHLIST_AUDIT_ACTIONS = defineAuditActions({
  'watch_entry.create': { zh: '新增布控', en: 'Watch-list entry added' },
  'watch_entry.deactivate': { zh: '撤销布控', en: 'Watch-list entry deactivated' },
  'watch_entry.list': { zh: '查询布控名单', en: 'Watch list read' },
});
