import { defineErrors } from '../error-kit.js';

/** The registers' own error codes (the older shared ones stay in ../errors.ts). */
export const REGISTER_ERRORS = defineErrors({
  /** An exact ID-number or phone search is an unmask: without the right it would confirm guesses. */
  REGISTER_EXACT_SEARCH_FORBIDDEN: {
    status: 403,
    zh: '按证件号码或电话精确查找需要查看完整信息的权限',
    en: 'Looking people up by exact ID number or phone needs the right to see full personal data',
  },
});
