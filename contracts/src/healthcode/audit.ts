import { defineAuditActions } from '../audit-kit.js';

export const HEALTHCODE_AUDIT_ACTIONS = defineAuditActions({
  'healthcode.rule': { zh: '修改健康码规则', en: 'Health code rule changed' },
  'healthcode.risk_area': { zh: '修改风险地区', en: 'Risk area changed' },
  'healthcode.list': { zh: '查询健康码列表', en: 'Health codes listed' },
  'healthcode.read': { zh: '查阅健康码判定依据', en: 'Health code reason read' },
  'healthcode.issue': { zh: '申领健康码', en: 'Health code issued' },
  'healthcode.trip': { zh: '行程申报', en: 'Trip declared' },
  'healthcode.correction': { zh: '申请健康码纠错', en: 'Health code correction requested' },
  'healthcode.review': { zh: '审核健康码纠错', en: 'Health code correction reviewed' },
});
