import { defineAuditActions } from '../audit-kit.js';

export const BROADCAST_AUDIT_ACTIONS = defineAuditActions({
  'broadcast.create': { zh: '拟制应急广播', en: 'Broadcast drafted' },
  'broadcast.edit': { zh: '修改应急广播', en: 'Broadcast edited' },
  'broadcast.submit': { zh: '提交广播审批', en: 'Broadcast submitted' },
  'broadcast.approve': { zh: '批准应急广播', en: 'Broadcast approved' },
  'broadcast.return': { zh: '退回应急广播', en: 'Broadcast returned' },
  'broadcast.cancel': { zh: '取消应急广播', en: 'Broadcast cancelled' },
  'broadcast.start': { zh: '开始发送广播', en: 'Broadcast sending' },
  'broadcast.finish': { zh: '广播发送完毕', en: 'Broadcast sent' },
  'broadcast.list': { zh: '查询应急广播列表', en: 'Broadcasts listed' },
  'broadcast.read': { zh: '查阅应急广播', en: 'Broadcast read' },
  'broadcast.preview': { zh: '预览广播接收人数', en: 'Broadcast recipients counted' },
  'broadcast_template.save': { zh: '保存广播模板', en: 'Broadcast template saved' },
  'broadcast_template.delete': { zh: '删除广播模板', en: 'Broadcast template deleted' },
  'loudspeaker.save': { zh: '保存广播喇叭', en: 'Loudspeaker saved' },
  'loudspeaker.delete': { zh: '删除广播喇叭', en: 'Loudspeaker deleted' },
});
