/**
 * Finds a place by name or address over what the maps know: regions, grids, streets and the
 * registers' buildings and venues. For a console user each kind is scoped like its list (and
 * only with the permission that reads it); for the public portal (actor null) only public
 * names: counties, townships, communities, streets, buildings and ordinary venues. Answers carry
 * a name, where it is in words and where to jump, never personal data.
 */
import { and, asc, sql } from 'drizzle-orm';
import { divisionPrefix, type PlaceHit } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { gridBoundsUnder, gridNames, gridPointUnder, gridsNamed } from '../grids/queries.js';
import { regionNames, regionsNamed } from '../regions/queries.js';
import { placesNamed } from '../registers/map-places.js';
import { streetVisible } from './queries.js';
import { street } from './tables.js';
import { containing } from '../../platform/db/like.js';

const PER_KIND = 6;
const MAX_HITS = 20;


type Bounds = [[number, number], [number, number]];
const centre = ([[w, s], [e, n]]: Bounds): [number, number] => [(w + e) / 2, (s + n) / 2];

export async function searchPlaces(db: Db, actor: Actor | null, text: string): Promise<PlaceHit[]> {
  const can = (permission: 'grid:read' | 'region:read') => actor === null || actor.permissions.includes(permission);
  const [regions, grids, streets, places] = await Promise.all([
    can('region:read') ? regionsNamed(db, actor, text, PER_KIND) : [],
    actor && actor.permissions.includes('grid:read') ? gridsNamed(db, actor, text, PER_KIND) : [],
    db
      .select({ id: street.id, name: street.name, regionCode: street.regionCode, line: street.line, w: street.minLon, s: street.minLat, e: street.maxLon, n: street.maxLat })
      .from(street)
      .where(and(sql`${street.name} ilike ${containing(text)}`, streetVisible(actor)))
      .orderBy(asc(street.name))
      .limit(PER_KIND),
    placesNamed(db, actor, text, PER_KIND),
  ]);
  const regionBounds = await Promise.all(regions.map((r) => gridBoundsUnder(db, actor, divisionPrefix(r.code))));
  const regionPoints = await Promise.all(regions.map((r) => gridPointUnder(db, actor, divisionPrefix(r.code))));
  const names = await regionNames(db, [...regions.map((r) => r.parentCode ?? ''), ...grids.map((g) => g.regionCode), ...streets.map((s) => s.regionCode)].filter(Boolean));
  const placeGrids = await gridNames(db, places.map((p) => p.gridId));

  const hits: PlaceHit[] = [];
  regions.forEach((r, i) => {
    const bounds = regionBounds[i];
    const point = regionPoints[i];
    if (!bounds || !point) return;
    // A point in one of its grids: the middle of a region's bounds can lie outside it.
    const [lon, lat] = point;
    hits.push({ kind: 'region', id: r.code, name: r.name, context: names.get(r.parentCode ?? '') ?? '', lon, lat, bounds });
  });
  for (const g of grids) {
    const [lon, lat] = g.point;
    hits.push({ kind: 'grid', id: g.id, name: g.name, context: names.get(g.regionCode) ?? '', lon, lat, bounds: g.bounds });
  }
  for (const s of streets) {
    const bounds: Bounds = [[s.w, s.s], [s.e, s.n]];
    const coordinates = (s.line as { coordinates: [number, number][] }).coordinates;
    const [lon, lat] = coordinates[Math.floor(coordinates.length / 2)] ?? centre(bounds);
    hits.push({ kind: 'street', id: s.id, name: s.name, context: names.get(s.regionCode) ?? '', lon, lat, bounds });
  }
  for (const p of places) {
    hits.push({ kind: p.kind, id: p.id, name: p.name, context: [p.address, placeGrids.get(p.gridId)].filter(Boolean).join(' · '), lon: p.lon, lat: p.lat, bounds: null });
  }
  return hits.slice(0, MAX_HITS);
}
