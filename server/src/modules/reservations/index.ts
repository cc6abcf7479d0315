/** Supplies reservation (口罩预约): drives with limited stock at pickup points, reserved by residents on the portal, collected by code. */
import { RESERVATION_AUDIT_ACTIONS, RESERVATION_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { reservationsMetrics } from './metrics.js';
import { reservationRoutes } from './routes.js';
import { driveEndJob } from './transition-drive.js';
import { DRIVE_VISIBILITY } from './workflow.js';

export const reservationsModule = defineModule({
  name: 'reservations',
  permissions: namesOf(RESERVATION_PERMISSIONS),
  auditActions: namesOf(RESERVATION_AUDIT_ACTIONS),
  errors: [
    'SUPPLY_DRIVE_STATE', 'SUPPLY_DRIVE_VERSION_CONFLICT', 'RESERVATION_NOT_OPEN', 'RESERVATION_SOLD_OUT', 'RESERVATION_DUPLICATE', 'RESERVATION_NOT_FOUND',
    'RESERVATION_CODE_UNKNOWN', 'RESERVATION_PICKED_UP', 'RESERVATION_RELEASED', 'RESERVATION_PICKUP_WINDOW',
  ],
  liveEvents: ['supply_drive.changed'],
  records: { supply_drive: DRIVE_VISIBILITY },
  jobs: (kit) => [driveEndJob(kit)],
  routes: reservationRoutes,
  ...reservationsMetrics,
});
