/**
 * The device registry (设备管理, M7 智能感知): cameras, gates, sensors, street lights, NVRs and
 * lower platforms with their place, owner, protocol, credentials and health. The protocol layers
 * (MQTT, GA/T 1400, GB/T 28181) call `markSeen`, `upsertCatalog` and `verifyDevicePassword`.
 */
import { z } from 'zod';
import { DEVICES_AUDIT_ACTIONS, DEVICES_ERRORS, DEVICES_PERMISSIONS } from '@gridgov/contracts';
import { defineJob } from '../../platform/jobs/queue.js';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import type { Kit } from '../../platform/kit/kit.js';
import { DEVICE_IMPORT_KIND, deviceImport } from './import-devices.js';
import { sweepOffline } from './health.js';
import { devicesMetrics } from './metrics.js';
import { deviceRoutes } from './routes.js';
import { DEVICE_VISIBILITY } from './visibility.js';

export { markOffline, markSeen, sweepOffline, upsertCatalog, type CatalogItem, type CatalogResult } from './health.js';
export { authenticateDevice, deviceKindOf, devicesByCode, digestPassword, verifyDevicePassword, signDevicePassword, PASSWORD_WINDOW_MS } from './credentials.js';
export { digestCredentials, gb28181Sink, mqttAuthenticator, viidCredentials } from './adapters.js';

/** Every minute: online devices silent past their allowance go offline (their owner told once). */
export const healthJob = (kit: Kit) =>
  defineJob({
    name: 'devices.health',
    payload: z.object({}),
    repeatEveryMs: 60 * 1000,
    async handle(_payload, { clock }) {
      await sweepOffline({ db: kit.db, registry: kit.registry, clock });
    },
  });

export const devicesModule = defineModule({
  name: 'devices',
  permissions: namesOf(DEVICES_PERMISSIONS),
  auditActions: namesOf(DEVICES_AUDIT_ACTIONS),
  errors: namesOf(DEVICES_ERRORS),
  ...devicesMetrics,
  records: { device: DEVICE_VISIBILITY },
  imports: { [DEVICE_IMPORT_KIND]: deviceImport },
  jobs: (kit) => [healthJob(kit)],
  routes: deviceRoutes,
});
