import { defineAuditActions } from '../audit-kit.js';

export const REGION_AUDIT_ACTIONS = defineAuditActions({
  'region.create': { zh: '新增行政区划', en: 'Region created' },
  'region.update': { zh: '修改行政区划', en: 'Region changed' },
  'region.revoke': { zh: '撤销行政区划', en: 'Region revoked' },
  'region.import': { zh: '导入行政区划', en: 'Regions imported' },
});
