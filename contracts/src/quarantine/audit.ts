import { defineAuditActions } from '../audit-kit.js';

export const QUARANTINE_AUDIT_ACTIONS = defineAuditActions({
  'quarantine.create': { zh: '下达隔离', en: 'Quarantine ordered' },
  'quarantine.list': { zh: '查询隔离人员列表', en: 'Quarantine orders listed' },
  'quarantine.read': { zh: '查阅隔离人员', en: 'Quarantine order read' },
  'quarantine.today': { zh: '查阅今日随访', en: 'Today\'s follow-ups read' },
  'quarantine.start': { zh: '开始隔离', en: 'Quarantine started' },
  'quarantine.release': { zh: '解除隔离', en: 'Quarantine released' },
  'quarantine.lose': { zh: '标记失访', en: 'Lost to follow-up' },
  'quarantine.transfer': { zh: '隔离转出', en: 'Quarantine transferred' },
  'quarantine.cancel': { zh: '撤销隔离', en: 'Quarantine cancelled' },
  'quarantine.extend': { zh: '再次暴露延长隔离', en: 'Quarantine extended after re-exposure' },
  'quarantine.followup': { zh: '记录隔离随访', en: 'Follow-up recorded' },
  'quarantine.site': { zh: '维护隔离点', en: 'Quarantine site saved' },
  'quarantine.rule': { zh: '修改隔离规则', en: 'Quarantine rule changed' },
});
