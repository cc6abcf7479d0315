/** Checks shared by creating and changing a grid: community, geometry, overlap, household target. */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { PolygonGeometry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { bbox, polygonsOverlap, validatePolygon } from '../../platform/geo/polygon.js';
import { codeInSubtree } from '../../platform/scope.js';
import { findCurrentRegion } from '../regions/queries.js';
import { grid } from './tables.js';

export const HOUSEHOLD_TARGET = { min: 400, max: 500, default: 450 } as const;

export interface Warning {
  code: string;
  message: string;
}

export async function assertCommunityInScope(db: Db, actor: Actor, regionCode: string): Promise<string> {
  if (!codeInSubtree(regionCode, actor.regionPrefix)) throw notFound();
  const community = await findCurrentRegion(db, regionCode);
  if (!community) throw new AppError('REGION_PARENT_NOT_FOUND', { regionCode });
  if (community.level !== 5) throw new AppError('GRID_REGION_NOT_COMMUNITY', { regionCode });
  return community.name;
}

export function boundaryColumns(boundary: PolygonGeometry) {
  const reason = validatePolygon(boundary);
  if (reason) throw new AppError('GRID_GEOMETRY_INVALID', { reason });
  const [minLon, minLat, maxLon, maxLat] = bbox(boundary.coordinates);
  return { boundary, minLon, minLat, maxLon, maxLat };
}

/** Grids of one community may share edges but never overlap. Candidates by bounding box first. */
export async function assertNoOverlap(tx: Db, regionCode: string, boundary: PolygonGeometry, exceptId: string | null): Promise<void> {
  // Two writers in one community take turns, so both cannot pass the check together.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'grid:' + regionCode}))`);
  const [minLon, minLat, maxLon, maxLat] = bbox(boundary.coordinates);
  const candidates = await tx
    .select({ id: grid.id, code: grid.code, name: grid.name, boundary: grid.boundary })
    .from(grid)
    .where(
      and(
        eq(grid.regionCode, regionCode),
        isNull(grid.deletedAt),
        exceptId ? ne(grid.id, exceptId) : undefined,
        sql`${grid.minLon} < ${maxLon} and ${grid.maxLon} > ${minLon} and ${grid.minLat} < ${maxLat} and ${grid.maxLat} > ${minLat}`,
      ),
    );
  const hit = candidates.find((c) => polygonsOverlap((c.boundary as PolygonGeometry).coordinates, boundary.coordinates));
  if (hit) throw new AppError('GRID_OVERLAP', { gridId: hit.id, gridCode: hit.code, gridName: hit.name });
}

export function householdWarnings(target: number, locale: 'zh-CN' | 'en'): Warning[] {
  if (target >= HOUSEHOLD_TARGET.min && target <= HOUSEHOLD_TARGET.max) return [];
  return [
    {
      code: 'GRID_HOUSEHOLDS_OUT_OF_RANGE',
      message:
        locale === 'en'
          ? `A grid usually holds ${HOUSEHOLD_TARGET.min}-${HOUSEHOLD_TARGET.max} households; this one targets ${target}`
          : `网格一般为${HOUSEHOLD_TARGET.min}-${HOUSEHOLD_TARGET.max}户，本网格目标为${target}户`,
    },
  ];
}
