import { defineErrors } from '../error-kit.js';

export const DISPUTE_ERRORS = defineErrors({
  DISPUTE_STATE: { status: 409, zh: '纠纷当前状态不允许此操作', en: 'The dispute\'s state does not allow this' },
  DISPUTE_VERSION_CONFLICT: { status: 409, zh: '纠纷已被他人修改，请刷新后重试', en: 'Someone else changed the dispute; reload and try again' },
  DISPUTE_FORM_VERSION_INVALID: { status: 400, zh: '纠纷登记表版本不存在或已停用，请刷新后重填', en: 'That version of the dispute form does not exist or was retired; reload the form' },
  DISPUTE_DEPARTMENT_INVALID: { status: 400, zh: '调解部门不存在或不在管辖范围内', en: 'The mediating department does not exist or is outside your scope' },
  DISPUTE_NO_AGREEMENT: { status: 409, zh: '该纠纷尚未达成调解协议', en: 'The dispute has no mediation agreement yet' },
});
