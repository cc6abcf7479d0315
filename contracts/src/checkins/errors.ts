import { defineErrors } from '../error-kit.js';

export const CHECKIN_ERRORS = defineErrors({
  CHECKIN_VENUE_UNKNOWN: { status: 404, zh: '场所码无效或场所已注销', en: 'No venue has this code' },
  CHECKIN_NOT_OPEN: { status: 409, zh: '当前没有未离开的场所登记', en: 'You are not checked in anywhere' },
  CHECKIN_PURPOSE_REQUIRED: { status: 400, zh: '查阅场所登记记录须填写查阅事由', en: 'State the purpose of reading these check-ins' },
});
