import { defineErrors } from '../error-kit.js';

export const WARNING_ERRORS = defineErrors({
  WARNING_STATE: { status: 409, zh: '预警当前状态不允许此操作', en: 'The warning\'s state does not allow this' },
  WARNING_VERSION_CONFLICT: { status: 409, zh: '预警已被他人修改，请刷新后重试', en: 'Someone else changed the warning; reload and try again' },
  WARNING_RULE_VERSION_CONFLICT: { status: 409, zh: '规则已被他人修改，请刷新后重试', en: 'Someone else changed the rule; reload and try again' },
  WARNING_RULE_KIND_UNKNOWN: { status: 400, zh: '没有模块提供这种预警规则', en: 'No module provides this kind of warning rule' },
  WARNING_RULE_PARAMS_INVALID: { status: 400, zh: '规则参数不合法：{detail}', en: 'The rule\'s parameters are not valid: {detail}' },
  WARNING_ASSIGNEE_REQUIRED: { status: 400, zh: '请指定一名人员或一个部门', en: 'Name one person or one department' },
  WARNING_ASSIGNEE_INVALID: { status: 400, zh: '该人员或部门不能接收此预警', en: 'This person or department cannot receive the warning' },
  WARNING_RUN_BUSY: { status: 409, zh: '预警规则正在运行，请稍后再试', en: 'The warning rules are running; try again shortly' },
});
