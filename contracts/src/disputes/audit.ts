import { defineAuditActions } from '../audit-kit.js';

export const DISPUTE_AUDIT_ACTIONS = defineAuditActions({
  'dispute.create': { zh: '登记矛盾纠纷', en: 'Dispute registered' },
  'dispute.assign': { zh: '分派调解', en: 'Dispute assigned to mediators' },
  'dispute.record_session': { zh: '记录调解', en: 'Mediation session recorded' },
  'dispute.agree': { zh: '达成调解协议', en: 'Mediation agreement reached' },
  'dispute.follow_up': { zh: '履行回访', en: 'Fulfilment followed up' },
  'dispute.close': { zh: '纠纷办结', en: 'Dispute closed' },
  'dispute.escalate': { zh: '纠纷上报', en: 'Dispute escalated' },
  'dispute.return_from_ticket': { zh: '上报工单办结回流', en: 'Escalation ticket concluded' },
  'dispute.fail': { zh: '调解不成', en: 'Mediation failed' },
  'dispute.unmask': { zh: '查看当事人完整信息', en: 'Party\'s personal data revealed' },
  'dispute.agreement_download': { zh: '下载调解协议书', en: 'Mediation agreement downloaded' },
});
