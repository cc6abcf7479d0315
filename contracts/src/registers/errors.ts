import { defineErrors } from '../error-kit.js';

/** The registers' own error codes (the older shared ones stay in ../errors.ts). */
export const REGISTER_ERRORS = defineErrors({
  /** An exact ID-number or phone search is an unmask: without the right it would confirm guesses. */
  REGISTER_EXACT_SEARCH_FORBIDDEN: {
    status: 403,
    zh: '按证件号码或电话精确查找需要查看完整信息的权限',
    en: 'Looking people up by exact ID number or phone needs the right to see full personal data',
  },
  /** Name and number do not match the register (said the same way whatever does not match). */
  IDENTITY_MISMATCH: { status: 400, zh: '姓名与证件号码不一致，请核对后重试', en: 'The name and the document number do not match; check them and try again' },
  IDENTITY_TAKEN: { status: 409, zh: '该证件号码已由另一个账号实名认证；如非本人操作，请联系所在社区', en: 'Another account has already verified this document number; if that was not you, contact your community' },
  IDENTITY_ALREADY_VERIFIED: { status: 409, zh: '本账号已实名认证，如需更改请联系所在社区', en: 'This account is already verified; to change it, contact your community' },
});
