import { defineErrors } from '../error-kit.js';

/** None of these says whether a value is on the list: duplicates are allowed, and nothing searches by value. */
export const WATCHLIST_ERRORS = defineErrors({
  WATCHLIST_VALUE_INVALID: { status: 400, zh: '号码格式不正确（车牌为5-10位汉字、字母或数字；身份证号须为18位有效号码）', en: 'The value is malformed (a plate is 5-10 Chinese characters, letters or digits; an ID number must be a valid 18-character number)' },
  WATCHLIST_LABEL_HAS_VALUE: { status: 400, zh: '说明中不得包含布控号码本身', en: 'The label must not contain the value itself' },
  WATCHLIST_REGION: { status: 400, zh: '预警接收区划须在本辖区内', en: 'The region that receives the warnings must lie in your scope' },
  WATCHLIST_LEVEL: { status: 403, zh: '仅县级及以上可新增或撤销布控', en: 'Only county level or above may add or deactivate watch-list entries' },
  WATCHLIST_EXPIRY: { status: 400, zh: '到期时间须晚于当前时间', en: 'The expiry must lie in the future' },
  WATCHLIST_INACTIVE: { status: 409, zh: '该布控已撤销', en: 'The entry is already deactivated' },
});
