import { defineAuditActions } from '../audit-kit.js';

export const CALLOUT_AUDIT_ACTIONS = defineAuditActions({
  'callout_campaign.create': { zh: '创建外呼任务', en: 'Call campaign drafted' },
  'callout_campaign.update': { zh: '修改外呼任务', en: 'Call campaign changed' },
  'callout_campaign.list': { zh: '查询外呼任务列表', en: 'Call campaigns listed' },
  'callout_campaign.read': { zh: '查阅外呼任务', en: 'Call campaign read' },
  'callout_campaign.targets': { zh: '查阅外呼对象结果', en: 'Call results read' },
  'callout_campaign.export': { zh: '导出外呼结果', en: 'Call results exported' },
  'callout_campaign.approve': { zh: '审批外呼任务', en: 'Call campaign approved' },
  'callout_campaign.start': { zh: '启动外呼任务', en: 'Call campaign started' },
  'callout_campaign.pause': { zh: '暂停外呼任务', en: 'Call campaign paused' },
  'callout_campaign.resume': { zh: '恢复外呼任务', en: 'Call campaign resumed' },
  'callout_campaign.complete': { zh: '结束外呼任务', en: 'Call campaign completed' },
  'callout_campaign.finish': { zh: '外呼任务全部完成', en: 'Call campaign finished' },
  'callout_campaign.cancel': { zh: '取消外呼任务', en: 'Call campaign cancelled' },
  'callout_call.dial': { zh: '外呼拨号（解密号码）', en: 'Call dialled (phone decrypted)' },
  'callout_call.result': { zh: '外呼结果回写', en: 'Call result recorded' },
  'callout_task.create': { zh: '生成外呼回访任务', en: 'Call follow-up raised' },
  'callout_task.list': { zh: '查询外呼回访任务', en: 'Call follow-ups listed' },
  'callout_task.done': { zh: '完成外呼回访任务', en: 'Call follow-up done' },
});
