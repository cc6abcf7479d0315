import { defineAuditActions } from '../audit-kit.js';

export const CHECKIN_AUDIT_ACTIONS = defineAuditActions({
  'checkin.create': { zh: '场所码登记', en: 'Checked in at a venue' },
  'checkin.close': { zh: '场所登记离开', en: 'Checked out of a venue' },
  'checkin.import': { zh: '导入场所登记记录', en: 'Venue check-ins imported' },
  'checkin.list': { zh: '查阅场所登记记录', en: 'Venue check-ins listed' },
  'checkin.partitions': { zh: '场所登记分区维护', en: 'Venue check-in partitions kept' },
});
