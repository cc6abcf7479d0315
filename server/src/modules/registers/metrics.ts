/**
 * The registers' dashboard facts: residents and households registered in a place now, and the
 * key places and facilities as map points. Kept by the triggers `metrics_resident` and
 * `metrics_household` (migration 0013: a record counts while not deleted); recounted below.
 */
import { sql } from 'drizzle-orm';
import type { DashboardPoints } from '@gridgov/contracts';
import { rows, type Db } from '../../platform/db/client.js';
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';
import { facility, venue } from './tables.js';

export const REGISTER_METRICS: MetricDefinition[] = [
  {
    name: 'registers.residents', label: { zh: '实有人口', en: 'Residents' }, unit: { zh: '人', en: 'people' }, permission: 'register:read', period: 'now',
    kept: { fact: 'registers.residents', trigger: 'metrics_resident', table: 'resident' },
    recount: `select region_code, grid_id, null::date, '', 1 from resident where deleted_at is null`,
  },
  {
    name: 'registers.households', label: { zh: '实有户数', en: 'Households' }, unit: { zh: '户', en: 'households' }, permission: 'register:read', period: 'now',
    kept: { fact: 'registers.households', trigger: 'metrics_household', table: 'household' },
    recount: `select region_code, grid_id, null::date, '', 1 from household where deleted_at is null`,
  },
];

export const REGISTER_TILES: TileDefinition[] = [
  { id: 'residents', label: { zh: '实有人口', en: 'Residents' }, kind: 'count', metric: 'registers.residents', window: 'now', order: 10 },
  { id: 'households', label: { zh: '实有户数', en: 'Households' }, kind: 'count', metric: 'registers.households', window: 'now', order: 20 },
];

type Point = DashboardPoints['points'][number];
interface Under {
  prefix: string;
  gridId: string | null;
}
const inGrid = (place: Under) => (place.gridId ? sql`and grid_id = ${place.gridId}` : sql``);

/** Key places with a location under a division prefix (and in one grid), by name: a dashboard map layer. */
export async function keyPlacePoints(db: Db, place: Under, limit: number): Promise<Point[]> {
  return rows<Point>(
    db,
    sql`select id, lon, lat, name as label, false as emergency from ${venue}
        where key_place and deleted_at is null and region_code like ${`${place.prefix}%`} and lon is not null ${inGrid(place)}
        order by name limit ${limit}`,
  );
}

/** Facilities under a division prefix (and in one grid), by code: a dashboard map layer. */
export async function facilityPoints(db: Db, place: Under, limit: number): Promise<Point[]> {
  return rows<Point>(
    db,
    sql`select id, lon, lat, coalesce(name, kind) as label, false as emergency from ${facility}
        where deleted_at is null and region_code like ${`${place.prefix}%`} ${inGrid(place)}
        order by code limit ${limit}`,
  );
}

/** What the module contributes to the dashboard (spread into its definition). */
export const registersMetrics = { metrics: REGISTER_METRICS, tiles: REGISTER_TILES };
