import { defineErrors } from '../error-kit.js';

export const EMERGENCY_ERRORS = defineErrors({
  EMERGENCY_STATE: { status: 409, zh: '突发事件当前状态不允许此操作', en: 'The emergency event is not in a state that allows this' },
  EMERGENCY_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload it' },
  EMERGENCY_LEVEL_UNCHANGED: { status: 409, zh: '响应级别未变化（当前 {level} 级）', en: 'The response is already at level {level}' },
  EMERGENCY_TYPE_UNKNOWN: { status: 400, zh: '事件类型或子类型不在代码表中', en: 'Unknown event type or sub-type' },
  EMERGENCY_REGION: { status: 400, zh: '所属区域须在本辖区内', en: 'The region must lie in your scope' },
  EMERGENCY_PLAN_DUPLICATE: { status: 409, zh: '该区域已有同类型同级别的预案', en: 'This region already has a plan for that type and level' },
  EMERGENCY_TEAM_UNKNOWN: { status: 404, zh: '未找到该救援队伍，或不在本辖区', en: 'No such rescue team in your scope' },
  EMERGENCY_TASK_UNKNOWN: { status: 404, zh: '未找到该应急任务', en: 'No such task of this event' },
  EMERGENCY_MEMBER_LINK: { status: 400, zh: '队员须关联本辖区的一名居民或一个工作人员账号', en: 'A member links to one resident or one staff account in your scope' },
  EMERGENCY_ALREADY_DISPATCHED: { status: 409, zh: '该队伍已派往此任务', en: 'The team is already dispatched to this task' },
  EMERGENCY_NOT_MEMBER: { status: 403, zh: '只有本队队员可以上报位置', en: 'Only a member of the team may report its position' },
  EMERGENCY_ROSTER_TIME: { status: 400, zh: '值班结束时间须晚于开始时间', en: 'A duty shift ends after it starts' },
});
