import { defineErrors } from '../error-kit.js';

export const SUPPLIES_ERRORS = defineErrors({
  SUPPLIES_CODE_INVALID: { status: 400, zh: '物资编码不符合 GB/T 38565 结构（7 位数字：大类 1–3，中类/小类/细类各 01–99）：{reason}', en: 'The item code does not follow GB/T 38565 (7 digits: class 1–3, then three pairs 01–99): {reason}' },
  SUPPLIES_CODE_BRANCH_UNKNOWN: { status: 400, zh: '物资编码的上级类目 {branch} 不存在，请在已有类目下编码（或使用收容类目 99）', en: 'The branch {branch} of this code does not exist: code under an existing branch (or the catch-all 99)' },
  SUPPLIES_CODE_TAKEN: { status: 409, zh: '物资编码 {code} 已存在', en: 'The item code {code} already exists' },
  SUPPLIES_ITEM_UNKNOWN: { status: 400, zh: '未知的物资编码', en: 'Unknown item code' },
  SUPPLIES_WAREHOUSE_UNKNOWN: { status: 404, zh: '未找到该仓库，或不在本辖区', en: 'No such warehouse in your scope' },
  SUPPLIES_LOT_UNKNOWN: { status: 404, zh: '未找到该批次', en: 'No such lot in this warehouse' },
  SUPPLIES_STOCK_SHORT: { status: 409, zh: '库存不足（可用 {available}，需要 {wanted}），库存不能为负', en: 'Not enough stock ({available} available, {wanted} wanted): stock never goes negative' },
  SUPPLIES_LEVELS_INVALID: { status: 400, zh: '下限不能大于上限，储备量不能大于上限', en: 'The minimum (and the reserve) cannot exceed the maximum' },
  SUPPLIES_TRANSFER_SAME: { status: 400, zh: '调出仓库与调入仓库不能相同', en: 'Transfer to another warehouse' },
  SUPPLIES_LOT_EXPIRY: { status: 409, zh: '批次 {lotNo} 已存在且有效期不同', en: 'Lot {lotNo} already exists with another expiry date' },
  SUPPLIES_COUNT_STATE: { status: 409, zh: '盘点单当前状态不允许此操作', en: 'The stock count is not in a state that allows this' },
  SUPPLIES_COUNT_INCOMPLETE: { status: 409, zh: '还有 {missing} 行未录入实盘数', en: '{missing} lines have not been counted' },
  SUPPLIES_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload it' },
  SUPPLIES_PLAN_TOO_LARGE: { status: 409, zh: '待分配的申领明细过多（{lines} 条，单次方案最多 {max} 条），请在下级辖区分别生成方案', en: 'Too many request lines to plan at once ({lines}; at most {max}): plan in the regions below' },
  SUPPLY_REQUEST_STATE: { status: 409, zh: '物资申领当前状态不允许此操作', en: 'The supply request is not in a state that allows this' },
  SUPPLY_REQUEST_VERSION_CONFLICT: { status: 409, zh: '物资申领已被他人修改，请刷新后重试', en: 'The supply request was changed by someone else; reload it' },
  SUPPLY_REQUEST_OVER_ALLOCATED: { status: 409, zh: '分配数量超过申领数量', en: 'The allocation exceeds the requested quantity' },
  SUPPLY_REQUEST_EVENT_UNKNOWN: { status: 400, zh: '所选应急事件不存在、已结束或不覆盖本申领的区域', en: 'The emergency event is unknown, closed or does not cover the request\'s region' },
  SUPPLY_REQUEST_LINE_UNKNOWN: { status: 400, zh: '分配指向了不属于本申领的明细', en: 'An allocation names a line of another request' },
});
