import { defineAuditActions } from '../audit-kit.js';

export const RESERVATION_AUDIT_ACTIONS = defineAuditActions({
  'supply_drive.create': { zh: '创建物资预约批次', en: 'Reservation drive created' },
  'supply_drive.open': { zh: '开放物资预约', en: 'Reservation drive opened' },
  'supply_drive.close': { zh: '停止物资预约', en: 'Reservation drive closed' },
  'supply_drive.cancel': { zh: '取消物资预约批次', en: 'Reservation drive cancelled' },
  'supply_drive.end': { zh: '领取期结束，释放未领取物资', en: 'Pickup window ended, unclaimed stock released' },
  'reservation.create': { zh: '居民预约物资', en: 'Supplies reserved' },
  'reservation.lookup': { zh: '查询预约领取码', en: 'Reservation looked up' },
  'reservation.pickup': { zh: '物资领取核销', en: 'Supplies picked up' },
});
