import { defineErrors } from '../error-kit.js';

export const ANNOUNCEMENT_ERRORS = defineErrors({
  ANNOUNCEMENT_STATE: { status: 409, zh: '公告当前状态不允许此操作', en: 'The announcement\'s state does not allow this' },
  ANNOUNCEMENT_VERSION_CONFLICT: { status: 409, zh: '公告已被他人修改，请刷新后重试', en: 'Someone else changed the announcement; reload and try again' },
});
