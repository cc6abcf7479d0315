import { defineErrors } from '../error-kit.js';

export const TRACING_ERRORS = defineErrors({
  CASE_STATE: { status: 409, zh: '病例当前状态不允许此操作', en: 'The case is not in a state that allows this' },
  CASE_VERSION_CONFLICT: { status: 409, zh: '病例已被他人修改，请刷新后重试', en: 'The case was changed by someone else; reload it' },
  CASE_PERSON_REQUIRED: { status: 400, zh: '请指定病例人员（登记居民，或姓名与证件号码）', en: 'Name the person: a registered resident, or a name and document number' },
  CASE_PERSON_UNKNOWN: { status: 404, zh: '未找到该居民，或不在本辖区', en: 'No such resident in your scope' },
  CASE_DATE_REQUIRED: { status: 400, zh: '请填写发病日期或采样日期', en: 'Give the onset date or the sampling date' },
  CASE_ALREADY_OPEN: { status: 409, zh: '该人员在本辖区已有未结案的病例', en: 'This person already has an open case in your scope' },
  CONTACT_ALREADY_CASE: { status: 409, zh: '该密接已转为病例', en: 'This contact is already a case' },
  TRACING_PURPOSE_REQUIRED: { status: 400, zh: '查阅病例或密接人员详情须填写查阅事由', en: 'State the purpose of reading this case or contact' },
  EPIDEMIC_PERIOD_INVALID: { status: 400, zh: '统计期间无效：起始日期须不晚于截止日期，且不超过 92 天', en: 'Invalid period: the start must not be after the end, and it may span at most 92 days' },
  TRACING_RULE_SCOPE: { status: 403, zh: '密接判定规则只能由全域管理的操作员修改', en: 'Only an operator whose scope is the whole deployment may change the tracing rule' },
});
