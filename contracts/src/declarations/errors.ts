import { defineErrors } from '../error-kit.js';

export const DECLARATION_ERRORS = defineErrors({
  DECLARATION_PURPOSE_REQUIRED: { status: 400, zh: '查阅健康申报须填写查阅事由', en: 'State the purpose of reading this declaration' },
  DECLARATION_FORM_VERSION_INVALID: { status: 400, zh: '申报表版本不存在或已停用，请刷新后重填', en: 'That version of the declaration form does not exist or was retired; reload the form' },
  DECLARATION_PERSON_INVALID: { status: 400, zh: '证件号码或联系电话无效', en: 'The document number or phone is not valid' },
  DECLARATION_REGION_REQUIRED: { status: 400, zh: '请选择现居住社区', en: 'Choose the community you live in' },
  DECLARATION_REGION_INVALID: { status: 400, zh: '社区不存在或不在您的管辖范围内', en: 'No such community in your scope' },
  DECLARATION_TOO_MANY: { status: 429, zh: '该证件今日申报次数过多，请明天再试', en: 'Too many declarations for this document today; try again tomorrow' },
  DECLARATION_NOT_FOUND: { status: 404, zh: '未找到与证件号码和手机号相符的申报', en: 'No declaration matches this document number and phone' },
});
