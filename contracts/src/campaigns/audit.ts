import { defineAuditActions } from '../audit-kit.js';

export const CAMPAIGN_AUDIT_ACTIONS = defineAuditActions({
  'survey_campaign.create': { zh: '创建走访摸排任务', en: 'Survey campaign created' },
  'survey_campaign.open': { zh: '开始走访摸排', en: 'Survey campaign opened' },
  'survey_campaign.close': { zh: '结束走访摸排', en: 'Survey campaign closed' },
  'survey_campaign.cancel': { zh: '取消走访摸排', en: 'Survey campaign cancelled' },
  'survey_campaign.generate': { zh: '生成走访任务', en: 'Survey tasks generated' },
  'survey_campaign.export': { zh: '导出走访结果', en: 'Survey results exported' },
  'survey_task.reassign': { zh: '改派走访任务', en: 'Survey tasks reassigned' },
  'survey_task.declared': { zh: '住户已自主申报，免于走访', en: 'Household self-declared: no visit needed' },
  'survey_task.reopen': { zh: '自主申报异常，恢复走访', en: 'Self-declaration flagged: visit needed again' },
  'survey_answer.create': { zh: '提交走访结果', en: 'Survey answer submitted' },
  'survey_answer.read': { zh: '查看走访结果', en: 'Survey answers read' },
});
