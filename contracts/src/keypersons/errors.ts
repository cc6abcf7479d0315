import { defineErrors } from '../error-kit.js';

export const KEYPERSON_ERRORS = defineErrors({
  KEYPERSON_PURPOSE_REQUIRED: { status: 400, zh: '查阅重点人员档案须填写查阅事由', en: 'State the purpose of reading this archive' },
  KEYPERSON_MINOR_APPROVAL_REQUIRED: { status: 403, zh: '未成年人档案须经审批后方可查阅', en: 'A minor\'s archive opens only with an approval' },
  KEYPERSON_STATE: { status: 409, zh: '重点人员档案当前状态不允许此操作', en: 'The archive\'s state does not allow this' },
  KEYPERSON_VERSION_CONFLICT: { status: 409, zh: '档案已被他人修改，请刷新后重试', en: 'Someone else changed the archive; reload and try again' },
  KEYPERSON_DUPLICATE: { status: 409, zh: '此人已在该类别中建档', en: 'This person already has an archive in this category' },
  KEYPERSON_RESIDENT_INVALID: { status: 400, zh: '人员不存在或不在您的管辖范围内', en: 'No such resident in your scope' },
  KEYPERSON_CATEGORY_INVALID: { status: 400, zh: '重点人员类别不存在或已停用', en: 'No such key-person category, or it is disabled' },
  KEYPERSON_MANAGEMENT_LEVEL_INVALID: { status: 400, zh: '管理等级仅适用于刑满释放人员', en: 'A management level applies to released prisoners only' },
  KEYPERSON_GRID_INVALID: { status: 400, zh: '接收网格不存在或与当前网格相同', en: 'No such receiving grid, or it is the current one' },
  KEYPERSON_RISK_UNCHANGED: { status: 400, zh: '风险等级未变化', en: 'The level is unchanged' },
  KEYPERSON_VISIT_CONFLICT: { status: 409, zh: '该走访编号已用于另一条记录', en: 'This visit id was already used for another record' },
  KEYPERSON_ACCESS_STATE: { status: 409, zh: '该申请已处理', en: 'This request was already decided' },
  KEYPERSON_ACCESS_SELF: { status: 403, zh: '不能审批自己的申请', en: 'You may not approve your own request' },
  KEYPERSON_ACCESS_NOT_MINOR: { status: 400, zh: '该档案不是未成年人档案，无需审批', en: 'This is not a minor\'s archive; no approval is needed' },
});
