import { defineErrors } from '../error-kit.js';

export const PUBLICINFO_ERRORS = defineErrors({
  RUMOUR_REBUTTAL_STATE: { status: 409, zh: '辟谣当前状态不允许此操作', en: 'The rumour rebuttal\'s state does not allow this' },
  RUMOUR_REBUTTAL_VERSION_CONFLICT: { status: 409, zh: '辟谣已被他人修改，请刷新后重试', en: 'Someone else changed the rumour rebuttal; reload and try again' },
  CONSULTATION_STATE: { status: 409, zh: '咨询当前状态不允许此操作', en: 'The question\'s state does not allow this' },
  CONSULTATION_VERSION_CONFLICT: { status: 409, zh: '咨询已被他人处理，请刷新后重试', en: 'Someone else handled the question; reload and try again' },
  HEALTH_FACILITY_VERSION_CONFLICT: { status: 409, zh: '医疗机构信息已被他人修改，请刷新后重试', en: 'Someone else changed the facility; reload and try again' },
});
