import { defineAuditActions } from '../audit-kit.js';

export const PUBLICINFO_AUDIT_ACTIONS = defineAuditActions({
  'rumour_rebuttal.create': { zh: '起草辟谣', en: 'Rumour rebuttal drafted' },
  'rumour_rebuttal.edit': { zh: '修改辟谣', en: 'Rumour rebuttal changed' },
  'rumour_rebuttal.publish': { zh: '发布辟谣', en: 'Rumour rebuttal published' },
  'rumour_rebuttal.withdraw': { zh: '撤回辟谣', en: 'Rumour rebuttal withdrawn' },
  'health_facility.create': { zh: '新增医疗机构', en: 'Health facility added' },
  'health_facility.update': { zh: '修改医疗机构', en: 'Health facility changed' },
  'consultation.ask': { zh: '提交咨询', en: 'Question asked' },
  'consultation.answer': { zh: '答复咨询', en: 'Question answered' },
  'consultation.publish': { zh: '公开咨询答复', en: 'Answered question published' },
  'consultation.reject': { zh: '不予答复咨询', en: 'Question rejected' },
});
