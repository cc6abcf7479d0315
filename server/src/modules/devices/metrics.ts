/**
 * The devices' dashboard facts, kept by the trigger `metrics_device` (in the migration
 * `0043_devices`) and recounted below: devices online now and offline now, at the device's
 * region and grid. Only holders of `device:read` see the tiles.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const kept = (fact: string) => ({ fact, trigger: 'metrics_device', table: 'device' });
const DEVICES = { zh: '台', en: 'devices' };

const METRICS: MetricDefinition[] = [
  {
    name: 'devices.online', label: { zh: '在线设备', en: 'Devices online' }, unit: DEVICES, permission: 'device:read', period: 'now', kept: kept('devices.online'),
    recount: `select region_code, grid_id, null::date, '', 1 from device where status = 'online'`,
  },
  {
    name: 'devices.offline', label: { zh: '离线设备', en: 'Devices offline' }, unit: DEVICES, permission: 'device:read', period: 'now', kept: kept('devices.offline'),
    recount: `select region_code, grid_id, null::date, '', 1 from device where status = 'offline'`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'devicesOnline', label: { zh: '在线设备', en: 'Devices online' }, kind: 'count', metric: 'devices.online', window: 'now', tone: 'good', order: 130 },
  { id: 'devicesOffline', label: { zh: '离线设备', en: 'Devices offline' }, kind: 'count', metric: 'devices.offline', window: 'now', tone: 'alert', order: 131 },
];

export const devicesMetrics = { metrics: METRICS, tiles: TILES };
