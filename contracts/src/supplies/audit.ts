import { defineAuditActions } from '../audit-kit.js';

export const SUPPLIES_AUDIT_ACTIONS = defineAuditActions({
  'supplies.item': { zh: '新增地方应急物资编码', en: 'Local supply item added' },
  'supplies.warehouse': { zh: '维护应急物资仓库', en: 'Warehouse saved' },
  'supplies.levels': { zh: '设置库存上下限', en: 'Stock levels set' },
  'supplies.receipt': { zh: '物资入库', en: 'Stock received' },
  'supplies.issue': { zh: '物资出库', en: 'Stock issued' },
  'supplies.adjust': { zh: '库存调整', en: 'Stock adjusted' },
  'supplies.transfer': { zh: '物资调拨', en: 'Stock transferred' },
  'supplies.count': { zh: '库存盘点', en: 'Stock count' },
  'supply_request.create': { zh: '新建物资申领', en: 'Supply request drafted' },
  'supply_request.submit': { zh: '提交物资申领', en: 'Supply request submitted' },
  'supply_request.approve': { zh: '批准物资申领', en: 'Supply request approved' },
  'supply_request.reject': { zh: '驳回物资申领', en: 'Supply request rejected' },
  'supply_request.allocate': { zh: '分配物资申领', en: 'Supply request allocated' },
  'supply_request.fulfil': { zh: '物资申领已发放', en: 'Supply request fulfilled' },
  'supply_request.cancel': { zh: '取消物资申领', en: 'Supply request cancelled' },
});
