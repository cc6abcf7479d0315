import { defineErrors } from '../error-kit.js';

/** Export error codes of the transfers domain (the older shared ones stay in ../errors.ts). */
export const TRANSFER_ERRORS = defineErrors({
  /** A list export holds more rows than one file may (narrow the filters). */
  EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出的记录过多（上限 {limit} 条，当前 {rows} 条），请缩小筛选范围后再导出',
    en: 'Too many rows to export ({rows}; at most {limit}); narrow the filters and try again',
  },
  /** A file a module streams itself would take the caller's exported rows of 24 hours past the threshold: it now waits for approval. */
  EXPORT_SENT_FOR_APPROVAL: {
    status: 409,
    zh: '24 小时内导出的记录将超过 {limit} 条，本次导出（{rows} 条）已提交审批（基础信息 › 待审批）；他人批准后，请在 24 小时内再次导出',
    en: 'This export ({rows} rows) would take your rows exported in 24 hours past {limit}: it was sent for approval (Base registers › Approvals); once someone else approves it, export again within 24 hours',
  },
  /** Unmasked rows exported within one scope in 24 hours, by every account together. */
  EXPORT_DAILY_CAP: {
    status: 429,
    zh: '该辖区今日导出的完整个人信息已达上限，请明日再试',
    en: 'The full personal data exported in this area today has reached its limit; try again tomorrow',
  },
  IMPORT_GRID_NAME_UNMATCHED: {
    status: 400,
    zh: '网格名称不存在、不在管辖范围内或有重名网格',
    en: 'No grid in your scope has this name, or more than one has',
  },
  IMPORT_ADDRESS_UNMATCHED: {
    status: 400,
    zh: '地址未匹配到管辖范围内的楼栋（或坐标不在管辖范围内的网格中），请填写楼栋登记中的地址',
    en: 'The address matches no building in your scope (nor does the point fall in one of your grids); use the address of the buildings register',
  },
  IMPORT_CELL_AS_NUMBER: {
    status: 400,
    zh: '号码在 Excel 中被存成了数字，显示为科学计数法（如 4.30702E+17），原号码已无法还原，请把该列设置为"文本"格式，重新填写完整号码',
    en: 'Excel stored the number as a number and shows it in scientific notation (like 4.30702E+17), so its digits are lost; format the column as Text and enter the full number again',
  },
  IMPORT_GRID_RULE_INVALID: {
    status: 400,
    zh: '网格的确定方式不适用于此登记或缺少所需的列',
    en: 'This way of choosing grids does not apply to this register, or a column it needs is missing',
  },
  /** The import kind asked for is neither a register nor one a module offers. */
  IMPORT_KIND_UNKNOWN: {
    status: 400,
    zh: '不支持导入此类数据',
    en: 'There is no import of this kind of data',
  },
});
