/**
 * The emergency events' dashboard facts, kept by the trigger `metrics_emergency_event` (in the
 * migration `0042_emergency_command`) and recounted below: events under way now (not closed) and
 * events reported by day, at the event's region. Only holders of `emergency:read` see the tiles.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const kept = (fact: string) => ({ fact, trigger: 'metrics_emergency_event', table: 'emergency_event' });
const EVENTS = { zh: '起', en: 'events' };

const METRICS: MetricDefinition[] = [
  {
    name: 'emergency.open', label: { zh: '处置中应急事件', en: 'Emergencies under way' }, unit: EVENTS, permission: 'emergency:read', period: 'now', kept: kept('emergency.open'),
    recount: `select region_code, null::uuid, null::date, '', 1 from emergency_event where status <> 'closed'`,
  },
  {
    name: 'emergency.reported', label: { zh: '报告应急事件', en: 'Emergencies reported' }, unit: EVENTS, permission: 'emergency:read', period: 'day', kept: kept('emergency.reported'),
    recount: `select region_code, null::uuid, metric_day(created_at), '', 1 from emergency_event`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'emergencyOpen', label: { zh: '处置中应急事件', en: 'Emergencies under way' }, kind: 'count', metric: 'emergency.open', window: 'now', tone: 'alert', order: 120 },
  { id: 'emergencyReported', label: { zh: '报告应急事件', en: 'Emergencies reported' }, hint: { zh: '近30天', en: 'last 30 days' }, kind: 'count', metric: 'emergency.reported', window: { days: 30 }, order: 121 },
];

export const emergencyMetrics = { metrics: METRICS, tiles: TILES };
