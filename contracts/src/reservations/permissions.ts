import { definePermissions } from '../permission-kit.js';

/** Supplies reservation (口罩预约): drives run by a command centre, pickups confirmed at the points. */
export const RESERVATION_PERMISSIONS = definePermissions({
  /** Drives of one's subtree: create, open, close, cancel; every reservation of them (masked). */
  'reservation:manage': { zh: '管理物资预约', en: 'Manage supplies reservation drives', roles: ['operator'] },
  /** The pickup points of one's scope: confirm pickups by code, see their reservations (masked). */
  'reservation:pickup': { zh: '物资领取核销', en: 'Confirm supplies pickups', roles: ['operator', 'grid_worker'] },
});
