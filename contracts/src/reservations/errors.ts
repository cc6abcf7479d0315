import { defineErrors } from '../error-kit.js';

export const RESERVATION_ERRORS = defineErrors({
  SUPPLY_DRIVE_STATE: { status: 409, zh: '预约批次当前状态不允许此操作', en: 'The reservation drive\'s state does not allow this' },
  SUPPLY_DRIVE_VERSION_CONFLICT: { status: 409, zh: '预约批次已被他人修改，请刷新后重试', en: 'Someone else changed the reservation drive; reload and try again' },
  RESERVATION_NOT_OPEN: { status: 409, zh: '当前不在预约时间内', en: 'Reservations are not open now' },
  RESERVATION_SOLD_OUT: { status: 409, zh: '该领取点本批次已约满', en: 'This pickup point has nothing left in this drive' },
  RESERVATION_DUPLICATE: { status: 409, zh: '该身份证号在本批次已预约，每人每批次限约一次', en: 'This ID number already has a reservation in this drive (one per person per drive)' },
  RESERVATION_NOT_FOUND: { status: 404, zh: '未找到与身份证号和手机号相符的预约', en: 'No reservation matches this ID number and phone' },
  RESERVATION_CODE_UNKNOWN: { status: 404, zh: '领取码无效或不属于您负责的领取点', en: 'The pickup code is not valid at your pickup points' },
  RESERVATION_PICKED_UP: { status: 409, zh: '该领取码已核销，不能重复领取', en: 'This pickup code was already used' },
  RESERVATION_RELEASED: { status: 409, zh: '领取期已过，该预约已释放', en: 'The pickup window is over; this reservation was released' },
  RESERVATION_PICKUP_WINDOW: { status: 409, zh: '当前不在领取时间内', en: 'Pickups are not open now' },
});
