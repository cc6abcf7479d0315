/**
 * The device alarms' dashboard fact: alarms by the day first raised, split by type, at the
 * device's region and grid; kept by the trigger `metrics_device_alarm` (migration 0045) and
 * recounted below. Holders of `device_alarm:read` see the tile.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'sensing.alarms', label: { zh: '设备报警', en: 'Device alarms' }, unit: { zh: '起', en: 'alarms' }, permission: 'device_alarm:read', period: 'day', by: 'type',
    kept: { fact: 'sensing.alarms', trigger: 'metrics_device_alarm', table: 'device_alarm' },
    recount: `select region_code, grid_id, metric_day(first_at), type, 1 from device_alarm`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'deviceAlarmsToday', label: { zh: '今日设备报警', en: 'Device alarms today' }, kind: 'count', metric: 'sensing.alarms', window: 'today', tone: 'alert', order: 132 },
];

export const sensingMetrics = { metrics: METRICS, tiles: TILES };
