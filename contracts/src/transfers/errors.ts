import { defineErrors } from '../error-kit.js';

/** Export error codes of the transfers domain (the older shared ones stay in ../errors.ts). */
export const TRANSFER_ERRORS = defineErrors({
  /** Unmasked rows exported within one scope in 24 hours, by every account together. */
  EXPORT_DAILY_CAP: {
    status: 429,
    zh: '该辖区今日导出的完整个人信息已达上限，请明日再试',
    en: 'The full personal data exported in this area today has reached its limit; try again tomorrow',
  },
});
