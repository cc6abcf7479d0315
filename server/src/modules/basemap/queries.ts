/**
 * Reads of the base map: streets in a view (scoped: those within the actor's subtree or running
 * through the region it sits in; every street for the public portal), the registers' places in
 * view for who may read them, and the area a user's maps open on.
 */
import { and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import type { BasemapData, Bbox, HomeArea } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { ancestorCodes, regionInScope } from '../../platform/scope.js';
import { gridBoundsUnder } from '../grids/queries.js';
import { placesInView } from '../registers/map-places.js';
import { street } from './tables.js';

/** Minor streets (街) show from this zoom; main roads (路) from MAIN_FROM; places from PLACES_FROM. */
export const MINOR_FROM = 14;
export const MAIN_FROM = 10;
export const PLACES_FROM = 15;
const MAX_STREETS = 3000;
const MAX_PLACES = 1500;

/** Streets the actor may see: in its subtree, or held by a region on its path (a road through its area). */
export function streetVisible(actor: Actor | null): SQL | undefined {
  if (actor === null) return undefined;
  const above = [...ancestorCodes(actor.regionCode), actor.regionCode];
  return sql`(${regionInScope(actor, street.regionCode)} or ${inArray(street.regionCode, above)})`;
}

export function overlaps([w, s, e, n]: Bbox): SQL {
  return sql`${street.maxLon} >= ${w} and ${street.minLon} <= ${e} and ${street.maxLat} >= ${s} and ${street.minLat} <= ${n}`;
}

export async function basemapInView(db: Db, actor: Actor | null, bbox: Bbox, zoom: number): Promise<BasemapData> {
  const kinds = zoom >= MINOR_FROM ? ['main', 'minor'] : zoom >= MAIN_FROM ? ['main'] : [];
  const streets = kinds.length
    ? await db
        .select({ id: street.id, name: street.name, kind: street.kind, line: street.line })
        .from(street)
        .where(and(inArray(street.kind, kinds), overlaps(bbox), streetVisible(actor)))
        .orderBy(asc(street.name))
        .limit(MAX_STREETS)
    : [];
  const places = actor && zoom >= PLACES_FROM ? await placesInView(db, actor, bbox, MAX_PLACES) : [];
  return {
    streets: {
      type: 'FeatureCollection',
      features: streets.map((s) => ({
        type: 'Feature' as const,
        id: s.id,
        geometry: s.line as BasemapData['streets']['features'][number]['geometry'],
        properties: { name: s.name, kind: s.kind as 'main' | 'minor' },
      })),
    },
    places: {
      type: 'FeatureCollection',
      features: places.map((p) => ({ type: 'Feature' as const, id: p.id, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] }, properties: { name: p.name, kind: p.kind } })),
    },
  };
}

/** The grid of a grid worker, else the grids of the actor's region. */
export async function homeArea(db: Db, actor: Actor): Promise<HomeArea> {
  return { bounds: await gridBoundsUnder(db, actor, actor.regionPrefix) };
}

export interface StreetLine {
  id: string;
  name: string;
  kind: 'main' | 'minor';
  coordinates: [number, number][];
}

/** The streets the actor may see that overlap a box, as plain lines (for analyses over the roads, e.g. camera coverage); at most `limit`, by id. */
export async function streetLinesIn(db: Db, actor: Actor, bbox: Bbox, limit: number): Promise<StreetLine[]> {
  const found = await db
    .select({ id: street.id, name: street.name, kind: street.kind, line: street.line })
    .from(street)
    .where(and(overlaps(bbox), streetVisible(actor)))
    .orderBy(asc(street.id))
    .limit(limit);
  return found.map((s) => ({ id: s.id, name: s.name, kind: s.kind as StreetLine['kind'], coordinates: (s.line as { coordinates: [number, number][] }).coordinates }));
}
