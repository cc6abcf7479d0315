import { defineAuditActions } from '../audit-kit.js';

export const GRID_AUDIT_ACTIONS = defineAuditActions({
  'grid.create': { zh: '新建网格', en: 'Grid created' },
  'grid.update': { zh: '修改网格', en: 'Grid changed' },
  'grid.delete': { zh: '删除网格', en: 'Grid deleted' },
});
