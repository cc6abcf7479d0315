import { defineAuditActions } from '../audit-kit.js';

export const EMERGENCY_AUDIT_ACTIONS = defineAuditActions({
  'emergency_event.report': { zh: '报告突发事件', en: 'Emergency event reported' },
  'emergency_event.list': { zh: '查询突发事件列表', en: 'Emergency events listed' },
  'emergency_event.read': { zh: '查阅突发事件', en: 'Emergency event read' },
  'emergency_event.verify': { zh: '核实突发事件', en: 'Emergency event verified' },
  'emergency_event.activate': { zh: '启动应急响应', en: 'Emergency response activated' },
  'emergency_event.scale': { zh: '调整响应级别', en: 'Response level changed' },
  'emergency_event.close': { zh: '结束应急响应', en: 'Emergency event closed' },
  'emergency_event.task': { zh: '新增应急任务', en: 'Emergency task added' },
  'emergency_plan.save': { zh: '保存应急预案', en: 'Emergency plan saved' },
  'emergency_plan.delete': { zh: '删除应急预案', en: 'Emergency plan deleted' },
  'emergency_team.save': { zh: '保存救援队伍', en: 'Rescue team saved' },
  'emergency_team.member': { zh: '维护队伍成员', en: 'Team member changed' },
  'emergency_team.roster': { zh: '维护值班表', en: 'Duty roster changed' },
  'emergency_team.position': { zh: '上报队伍位置', en: 'Team position reported' },
  'emergency_dispatch.create': { zh: '派遣救援队伍', en: 'Team dispatched' },
  'emergency_dispatch.acknowledge': { zh: '队伍确认接令', en: 'Dispatch acknowledged' },
  'emergency_dispatch.arrive': { zh: '队伍到达现场', en: 'Team arrived' },
  'emergency_dispatch.complete': { zh: '队伍完成任务', en: 'Dispatch completed' },
  'emergency_dispatch.cancel': { zh: '撤回派遣', en: 'Dispatch cancelled' },
});
