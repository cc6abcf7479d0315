import { defineErrors } from '../error-kit.js';

export const PETITION_ERRORS = defineErrors({
  PETITION_CRITERIA_VERSION_CONFLICT: { status: 409, zh: '评定标准已被他人修改，请刷新后重试', en: 'Someone else changed the criteria; reload and try again' },
  PETITION_CRITERIA_INVALID: { status: 400, zh: '评定标准不合法：{detail}', en: 'The criteria are not valid: {detail}' },
  PETITION_CRITERIA_LEVEL: { status: 403, zh: '评定标准由县（区）级及以上设定', en: 'The criteria are set by a county or above' },
  PETITION_MONTH_NOT_ENDED: { status: 400, zh: '只能评定已经结束的月份', en: 'Only a month that has ended can be assessed' },
});
