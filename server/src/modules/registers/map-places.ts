/**
 * The registers' places for the maps: buildings and venues (名称 and 地址 only, never a contact
 * or a resident) in a view, and found by name or address. Console reads are scoped like the
 * registers' lists; the public portal sees only buildings and ordinary venues (not key places).
 */
import { and, asc, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Bbox } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { gridRecordInScope } from '../../platform/scope.js';
import { building, venue } from './tables.js';
import { containing } from '../../platform/db/like.js';

export interface MapPlace {
  kind: 'building' | 'venue';
  id: string;
  name: string;
  address: string | null;
  gridId: string;
  lon: number;
  lat: number;
}

type Table = typeof building | typeof venue;

/** Who sees a place: console readers of the registers in their scope; the public (null) ordinary places only. */
function visible(actor: Actor | null, table: Table): SQL | undefined {
  if (actor === null) return table === venue ? sql`${venue.keyPlace} = false` : undefined;
  if (!actor.permissions.includes('register:read')) return sql`false`;
  return gridRecordInScope(actor, table.regionCode, table.gridId);
}

function columns(table: Table, kind: MapPlace['kind']) {
  return { kind: sql<MapPlace['kind']>`${kind}`, id: table.id, name: table.name, address: table.address, gridId: table.gridId, lon: sql<number>`${table.lon}`, lat: sql<number>`${table.lat}` };
}

const located = (table: Table) => and(isNull(table.deletedAt), isNotNull(table.lon), isNotNull(table.lat));

/** Places with a location inside the view, up to `limit` of each kind. */
export async function placesInView(db: Db, actor: Actor, [w, s, e, n]: Bbox, limit: number): Promise<MapPlace[]> {
  const inView = (table: Table) => sql`${table.lon} between ${w} and ${e} and ${table.lat} between ${s} and ${n}`;
  const read = (table: Table, kind: MapPlace['kind']) =>
    db.select(columns(table, kind)).from(table).where(and(located(table), inView(table), visible(actor, table))).orderBy(asc(table.name)).limit(limit);
  const [buildings, venues] = await Promise.all([read(building, 'building'), read(venue, 'venue')]);
  return [...buildings, ...venues];
}

/** Places whose name or address holds the text, up to `limit` of each kind. */
export async function placesNamed(db: Db, actor: Actor | null, text: string, limit: number): Promise<MapPlace[]> {
  const like = containing(text);
  const read = (table: Table, kind: MapPlace['kind']) =>
    db
      .select(columns(table, kind))
      .from(table)
      .where(and(located(table), or(ilike(table.name, like), ilike(table.address, like)), visible(actor, table)))
      .orderBy(asc(table.name))
      .limit(limit);
  const [buildings, venues] = await Promise.all([read(building, 'building'), read(venue, 'venue')]);
  return [...venues, ...buildings];
}
