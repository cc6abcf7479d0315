/** Emergency supplies (物资保障): GB/T 38565 items, warehouses, stock by lot, moves, counts, min/max alerts, requests as a workflow. */
import { z } from 'zod';
import { SUPPLIES_AUDIT_ACTIONS, SUPPLIES_PERMISSIONS } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import type { Kit } from '../../platform/kit/kit.js';
import { LOGISTICS_AUDIT_ACTIONS, LOGISTICS_ERRORS, LOGISTICS_PERMISSIONS, SUPPLIES_ERRORS } from '@gridgov/contracts';
import { suppliesMetrics } from './metrics.js';
import { suppliesRoutes } from './routes.js';
import { logisticsRoutes } from './logistics-routes.js';
import { DRIVER_VISIBILITY, VEHICLE_VISIBILITY } from './fleet.js';
import { SHIPMENT_VISIBILITY } from './shipment-workflow.js';
import { fulfilByShipments } from './shipments.js';
import { alertExpiring } from './stock.js';
import { STOCK_IMPORT_KIND, stockImport } from './import-stock.js';
import { COUNT_VISIBILITY, WAREHOUSE_VISIBILITY } from './visibility.js';
import { REQUEST_VISIBILITY } from './workflow.js';

/** Hourly: lots entering their warehouse's expiry window are notified once. */
export const expiringJob = (kit: Kit) =>
  defineJob({
    name: 'supplies.expiring',
    payload: z.object({}),
    repeatEveryMs: 60 * 60 * 1000,
    async handle(_payload, { clock }) {
      await alertExpiring(kit, systemContext(clock, 'supplies.expiring'));
    },
  });

export const suppliesModule = defineModule({
  name: 'supplies',
  permissions: [...namesOf(SUPPLIES_PERMISSIONS), ...namesOf(LOGISTICS_PERMISSIONS)],
  auditActions: [...namesOf(SUPPLIES_AUDIT_ACTIONS), ...namesOf(LOGISTICS_AUDIT_ACTIONS).filter((a) => !a.startsWith('traffic_control.'))],
  errors: [...namesOf(SUPPLIES_ERRORS), ...namesOf(LOGISTICS_ERRORS).filter((e) => !e.startsWith('TRAFFIC_'))],
  liveEvents: ['supply_request.changed', 'shipment.changed'],
  ...suppliesMetrics,
  records: {
    warehouse: WAREHOUSE_VISIBILITY, stock_count: COUNT_VISIBILITY, supply_request: REQUEST_VISIBILITY,
    vehicle: VEHICLE_VISIBILITY, driver: DRIVER_VISIBILITY, shipment: SHIPMENT_VISIBILITY,
  },
  reactions: [fulfilByShipments],
  imports: { [STOCK_IMPORT_KIND]: stockImport },
  jobs: (kit) => [expiringJob(kit)],
  routes: (app, kit) => {
    suppliesRoutes(app, kit);
    logisticsRoutes(app, kit);
  },
});
