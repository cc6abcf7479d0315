import { defineAuditActions } from '../audit-kit.js';

export const ACCESS_AUDIT_ACTIONS = defineAuditActions({
  'access_record.ingest': { zh: '接收门禁出入记录', en: 'Gate access records received' },
  'access_record.read': { zh: '查看门禁出入记录', en: 'Gate access records read' },
});
