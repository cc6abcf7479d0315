import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { ADJUST_REASONS, COUNT_STATUSES, LEVEL_ALERTS, MOVE_KINDS, REQUEST_STATUSES, WAREHOUSE_KINDS } from './index.js';

const warehouseKind: Labels<typeof WAREHOUSE_KINDS> = {
  government: { zh: '政府储备库', en: 'Government' },
  enterprise: { zh: '企业代储库', en: 'Enterprise' },
  community: { zh: '社区储备点', en: 'Community' },
};
const moveKind: Labels<typeof MOVE_KINDS> = {
  receipt: { zh: '入库', en: 'Receipt' },
  issue: { zh: '出库', en: 'Issue' },
  adjustment: { zh: '调整', en: 'Adjustment' },
  transfer_out: { zh: '调拨出', en: 'Transfer out' },
  transfer_in: { zh: '调拨入', en: 'Transfer in' },
};
const adjustReason: Labels<typeof ADJUST_REASONS> = {
  lost: { zh: '丢失', en: 'Lost' },
  found: { zh: '盘盈/找回', en: 'Found' },
  damaged: { zh: '损坏', en: 'Damaged' },
  expired: { zh: '过期', en: 'Expired' },
  count: { zh: '盘点差异', en: 'Stock count' },
  other: { zh: '其他', en: 'Other' },
};
const levelAlert: Labels<typeof LEVEL_ALERTS> = {
  ok: { zh: '正常', en: 'OK' },
  low: { zh: '低于下限', en: 'Below minimum' },
  high: { zh: '高于上限', en: 'Above maximum' },
};
const countStatus: Labels<typeof COUNT_STATUSES> = {
  open: { zh: '盘点中', en: 'Open' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  cancelled: { zh: '已作废', en: 'Cancelled' },
};
const supplyRequestStatus: Labels<typeof REQUEST_STATUSES> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  allocated: { zh: '已分配', en: 'Allocated' },
  fulfilled: { zh: '已发放', en: 'Fulfilled' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const SUPPLIES_ENUM_LABELS = defineEnumLabels({ warehouseKind, moveKind, adjustReason, levelAlert, countStatus, supplyRequestStatus });
