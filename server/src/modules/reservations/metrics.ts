/** The reservations' dashboard facts: reservations made and pickups confirmed, by day. Kept by the triggers `metrics_supply_reservation` (its migration); recounted below. */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'reservations.made', label: { zh: '物资预约', en: 'Supplies reserved' }, unit: { zh: '人次', en: 'reservations' }, permission: 'reservation:manage', period: 'day',
    kept: { fact: 'reservations.made', trigger: 'metrics_supply_reservation', table: 'supply_reservation' },
    recount: `select region_code, null::uuid, metric_day(reserved_at), '', 1 from supply_reservation`,
  },
  {
    name: 'reservations.picked_up', label: { zh: '物资领取', en: 'Supplies picked up' }, unit: { zh: '人次', en: 'pickups' }, permission: 'reservation:manage', period: 'day',
    kept: { fact: 'reservations.picked_up', trigger: 'metrics_supply_reservation', table: 'supply_reservation' },
    recount: `select region_code, null::uuid, metric_day(picked_up_at), '', 1 from supply_reservation where picked_up_at is not null`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'reservationsMade', label: { zh: '物资预约', en: 'Reservations' }, hint: { zh: '近7天', en: 'last 7 days' }, kind: 'count', metric: 'reservations.made', window: { days: 7 }, order: 100 },
  { id: 'reservationsPickedUp', label: { zh: '物资领取', en: 'Pickups' }, hint: { zh: '近7天', en: 'last 7 days' }, kind: 'count', metric: 'reservations.picked_up', window: { days: 7 }, order: 101 },
];

export const reservationsMetrics = { metrics: METRICS, tiles: TILES };
