import { defineErrors } from '../error-kit.js';

export const HEALTHCODE_ERRORS = defineErrors({
  HEALTHCODE_RULE_SCOPE: { status: 403, zh: '健康码规则与风险地区只能由全域管理的操作员修改', en: 'Only an operator whose scope is the whole deployment may change the health code rule or risk areas' },
  HEALTHCODE_PURPOSE_REQUIRED: { status: 400, zh: '查阅健康码判定依据须填写查阅事由', en: 'State the purpose of reading this health code\'s reason' },
  HEALTHCODE_LOOKUP_NONE: { status: 404, zh: '您的辖区内没有该证件号码的健康码', en: 'No health code for this document number in your area' },
  HEALTHCODE_NOT_ISSUED: { status: 404, zh: '尚未申领健康码', en: 'No health code has been issued yet' },
  HEALTHCODE_CORRECTION_STATE: { status: 409, zh: '该纠错申请已审核', en: 'This correction request has already been reviewed' },
  HEALTHCODE_CORRECTION_OPEN: { status: 409, zh: '已有待审核的纠错申请', en: 'A correction request is already waiting for review' },
  HEALTHCODE_EFFECTIVE_PAST: { status: 400, zh: '生效时间不能早于当前时间', en: 'The effective time cannot be in the past' },
});
