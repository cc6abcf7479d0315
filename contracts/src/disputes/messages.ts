import { defineMessages } from '../message-kit.js';

export const DISPUTE_MESSAGES = defineMessages({
  'dispute.returned.close': { zh: '矛盾纠纷 {number} 上报的工单 {ticket} 已办结，请记录化解结果', en: 'The ticket {ticket} that dispute {number} was escalated into was closed; record the outcome' },
  'dispute.returned.reject': { zh: '矛盾纠纷 {number} 上报的工单 {ticket} 未予受理，已退回，请记录化解结果', en: 'The ticket {ticket} that dispute {number} was escalated into was refused and returned; record the outcome' },
  'dispute.assigned': { zh: '矛盾纠纷《{name}》已分派给您调解', en: 'The dispute "{name}" was assigned to you for mediation' },
});
