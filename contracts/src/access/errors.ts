import { defineErrors } from '../error-kit.js';

export const ACCESS_ERRORS = defineErrors({
  ACCESS_COMPOUND_INVALID: { status: 400, zh: '小区（楼栋或场所）不存在或不在您的辖区', en: 'The compound (building or venue) does not exist or is outside your scope' },
  ACCESS_RESIDENT_INVALID: { status: 400, zh: '人员不存在', en: 'The resident does not exist' },
  ACCESS_FILTER_REQUIRED: { status: 400, zh: '请指定人员或小区', en: 'Name a resident or a compound' },
});
