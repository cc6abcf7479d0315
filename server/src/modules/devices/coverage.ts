/**
 * Video coverage and blind spots (视频覆盖 / 盲区分析), scoped like the device list: the cameras
 * the actor sees (region subtree, or a grid worker's grid), the grids in scope (or the one asked
 * for) and the base map's streets over them. A camera counts with its position, heading, angle
 * and range (cameras, thermal cameras, vehicle checkpoints, and street lights given a heading);
 * disabled ones never, offline ones unless `onlineOnly`. Cameras outside the scope never count,
 * so nothing of them shows through the numbers. The geometry is exact, in one bounded pass
 * (coverage-geometry.ts); the answer is audited.
 */
import { and, eq, gte, inArray, isNotNull, lte, ne, or, type SQL } from 'drizzle-orm';
import { COVERAGE_KINDS, type Coverage, type CoverageQuery, type DeviceKind, type DeviceStatus } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notFound } from '../../platform/errors.js';
import { recordVisible } from '../../platform/scope.js';
import { bbox as polygonBox } from '../../platform/geo/polygon.js';
import { streetLinesIn } from '../basemap/queries.js';
import { gridBoundariesInScope } from '../grids/queries.js';
import { computeCoverage, sectorRing, type Viewer } from './coverage-geometry.js';
import { device } from './tables.js';
import { DEVICE_VISIBILITY } from './visibility.js';

type ReadKit = Pick<Kit, 'db'>;

/** At most this many streets and cameras in one answer (more: `truncated`). */
export const MAX_COVERAGE_STREETS = 20_000;
export const MAX_COVERAGE_CAMERAS = 20_000;
/** Cameras this far outside the grids (degrees, ~550 m: more than the longest range) may still see their roads. */
const REACH_DEG = 0.005;

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
/** Positions to 7 decimals (about a centimetre): enough for a map, and the answer stays small. */
const at = ([x, y]: readonly number[]): [number, number] => [round(x!, 7), round(y!, 7)];
const shareOf = (covered: number, total: number) => (total > 0 ? round(Math.min(1, covered / total), 4) : null);

export async function cameraCoverage(kit: ReadKit, ctx: ActorContext, q: CoverageQuery): Promise<Coverage> {
  const { actor } = ctx;
  let grids = await gridBoundariesInScope(kit.db, actor);
  if (q.gridId) {
    grids = grids.filter((g) => g.id === q.gridId);
    if (grids.length === 0) throw notFound();
  }
  const boxes = grids.map((g) => polygonBox(g.boundary.coordinates));
  const [w, s, e, n] = boxes.reduce<[number, number, number, number]>(
    (acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const near: SQL | undefined = q.gridId
    ? or(eq(device.gridId, q.gridId), and(gte(device.lng, w - REACH_DEG), lte(device.lng, e + REACH_DEG), gte(device.lat, s - REACH_DEG), lte(device.lat, n + REACH_DEG)))
    : undefined;
  const found = await kit.db
    .select({
      id: device.id, name: device.name, code: device.code, kind: device.kind, status: device.status, gridId: device.gridId,
      lng: device.lng, lat: device.lat, heading: device.heading, fovDeg: device.fovDeg, rangeM: device.rangeM,
    })
    .from(device)
    .where(and(
      recordVisible(actor, DEVICE_VISIBILITY),
      inArray(device.kind, [...COVERAGE_KINDS]),
      q.onlineOnly === 'true' ? eq(device.status, 'online') : ne(device.status, 'disabled'),
      // A street light is a camera only when it was given a field of view.
      or(ne(device.kind, 'street_light'), isNotNull(device.heading)),
      near,
    ))
    .orderBy(device.id)
    .limit(MAX_COVERAGE_CAMERAS + 1);
  let truncated = found.length > MAX_COVERAGE_CAMERAS;
  const cameras = found.slice(0, MAX_COVERAGE_CAMERAS);
  const seeing = cameras.filter((d) => d.lng !== null && d.lat !== null && d.heading !== null && d.fovDeg !== null && d.rangeM !== null);
  const sees = new Set(seeing.map((d) => d.id));
  const viewers: Viewer[] = seeing.map((d) => ({ id: d.id, lng: d.lng!, lat: d.lat!, heading: d.heading!, fovDeg: d.fovDeg!, rangeM: d.rangeM! }));

  // The streets over the grids (or, without grids in scope, over the cameras' reach).
  let area: [number, number, number, number] | null = boxes.length ? [w, s, e, n] : null;
  if (!area && viewers.length) {
    area = viewers.reduce<[number, number, number, number]>(
      (acc, v) => [Math.min(acc[0], v.lng - REACH_DEG), Math.min(acc[1], v.lat - REACH_DEG), Math.max(acc[2], v.lng + REACH_DEG), Math.max(acc[3], v.lat + REACH_DEG)],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
  }
  const streets = area ? await streetLinesIn(kit.db, actor, area, MAX_COVERAGE_STREETS + 1) : [];
  truncated ||= streets.length > MAX_COVERAGE_STREETS;
  const roads = streets.slice(0, MAX_COVERAGE_STREETS).filter((r) => r.coordinates.length >= 2);

  const result = computeCoverage(viewers, roads, grids.map((g) => ({ id: g.id, rings: g.boundary.coordinates })));

  const placed = new Map<string, { cameras: number; without: number }>();
  for (const d of cameras) {
    if (!d.gridId) continue;
    const tally = placed.get(d.gridId) ?? { cameras: 0, without: 0 };
    if (sees.has(d.id)) tally.cameras++;
    else tally.without++;
    placed.set(d.gridId, tally);
  }
  const rows = grids.map((g) => {
    const c = result.areas.get(g.id)!;
    return {
      gridId: g.id, gridName: g.name, regionCode: g.regionCode, roadM: round(c.roadM, 1), coveredM: round(c.coveredM, 1), share: shareOf(c.coveredM, c.roadM),
      cameras: placed.get(g.id)?.cameras ?? 0, camerasWithoutView: placed.get(g.id)?.without ?? 0,
    };
  });
  // Worst first: the least covered share (grids without roads last), then the most road left uncovered.
  rows.sort((p, r) => (p.share ?? 2) - (r.share ?? 2) || (r.roadM - r.coveredM) - (p.roadM - p.coveredM) || p.gridName.localeCompare(r.gridName, 'zh-CN'));

  let roadM = 0;
  let coveredM = 0;
  const segments: Coverage['segments']['features'] = [];
  const coveredParts: Coverage['coveredParts']['features'] = [];
  for (const r of roads) {
    const c = result.roads.get(r.id)!;
    roadM += c.lengthM;
    coveredM += c.coveredM;
    segments.push({
      type: 'Feature', geometry: { type: 'LineString', coordinates: r.coordinates.map(at) },
      properties: { id: r.id, name: r.name, kind: r.kind, lengthM: round(c.lengthM, 1), coveredM: round(c.coveredM, 1), covered: shareOf(c.coveredM, c.lengthM) ?? 0 },
    });
    if (c.covered.length) coveredParts.push({ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: c.covered.map((part) => part.map(at)) }, properties: { id: r.id } });
  }

  await writeAudit(kit.db, ctx, {
    action: 'device.coverage', objectType: 'device',
    details: { gridId: q.gridId ?? null, onlineOnly: q.onlineOnly === 'true', cameras: viewers.length, streets: roads.length, grids: grids.length },
  });
  return {
    sectors: {
      type: 'FeatureCollection',
      features: seeing.map((d) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [sectorRing({ id: d.id, lng: d.lng!, lat: d.lat!, heading: d.heading!, fovDeg: d.fovDeg!, rangeM: d.rangeM! }).map(at)] },
        properties: {
          id: d.id, name: d.name, code: d.code, kind: d.kind as DeviceKind, status: d.status as DeviceStatus, gridId: d.gridId,
          heading: round(d.heading!, 2), fovDeg: round(d.fovDeg!, 2), rangeM: round(d.rangeM!, 1), lng: round(d.lng!, 7), lat: round(d.lat!, 7),
        },
      })),
    },
    segments: { type: 'FeatureCollection', features: segments },
    coveredParts: { type: 'FeatureCollection', features: coveredParts },
    grids: rows,
    totals: {
      roadM: round(roadM, 1), coveredM: round(coveredM, 1), share: shareOf(coveredM, roadM),
      cameras: viewers.length, camerasWithoutView: cameras.length - viewers.length, streets: roads.length,
    },
    truncated,
  };
}
