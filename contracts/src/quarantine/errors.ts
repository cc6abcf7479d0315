import { defineErrors } from '../error-kit.js';

export const QUARANTINE_ERRORS = defineErrors({
  QUARANTINE_STATE: { status: 409, zh: '隔离当前状态不允许此操作', en: 'The quarantine order is not in a state that allows this' },
  QUARANTINE_VERSION_CONFLICT: { status: 409, zh: '隔离记录已被他人修改，请刷新后重试', en: 'The quarantine order was changed by someone else; reload it' },
  QUARANTINE_CONTACT_UNKNOWN: { status: 404, zh: '未找到该密接人员，或不在本辖区', en: 'No such contact in your scope' },
  QUARANTINE_ALREADY_ORDERED: { status: 409, zh: '该人员已有进行中的隔离', en: 'This person is already in quarantine' },
  QUARANTINE_SITE_REQUIRED: { status: 400, zh: '集中隔离须指定隔离点', en: 'A centralised quarantine needs a site' },
  QUARANTINE_ADDRESS_REQUIRED: { status: 400, zh: '居家隔离须填写居家地址', en: 'A home quarantine needs the home address' },
  QUARANTINE_SITE_UNKNOWN: { status: 404, zh: '未找到该隔离点，或不在本辖区', en: 'No such quarantine site in your scope' },
  QUARANTINE_SITE_FULL: { status: 409, zh: '隔离点已满（容量 {capacity}，在隔 {occupancy}），请选择其他隔离点', en: 'The site is full (capacity {capacity}, {occupancy} in quarantine): choose another site' },
  QUARANTINE_SITE_CAPACITY: { status: 409, zh: '容量不能小于当前在隔人数 {occupancy}', en: 'The capacity cannot be below the {occupancy} people in quarantine there' },
  QUARANTINE_WORKER_UNKNOWN: { status: 400, zh: '责任网格员不在该网格', en: 'The responsible worker does not work in this grid' },
  QUARANTINE_DAY_INVALID: { status: 400, zh: '只能记录隔离期内今天及之前的随访', en: 'Record a follow-up for a day of the quarantine, today or before' },
  QUARANTINE_NOT_COMPLETE: { status: 409, zh: '未满足解除隔离条件（隔离期满、核酸检测阴性、末次随访完成）', en: 'The release conditions are not met (the period ended, negative tests, the last follow-ups done)' },
  QUARANTINE_PURPOSE_REQUIRED: { status: 400, zh: '查阅隔离人员详情须填写查阅事由', en: 'State the purpose of reading quarantined people' },
  QUARANTINE_RULE_SCOPE: { status: 403, zh: '隔离规则只能由全域管理的操作员修改', en: 'Only an operator whose scope is the whole deployment may change the quarantine rule' },
});
