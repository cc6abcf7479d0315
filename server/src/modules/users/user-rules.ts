/** Which scope an account takes, by role: a region subtree, or one grid (and its community). */
import { ROLE_SCOPE_KIND, type Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import { findCurrentRegion } from '../regions/queries.js';
import { liveGrid } from '../grids/queries.js';

export async function resolveScope(
  db: Db,
  actor: Actor,
  role: Role,
  input: { scopeRegionCode?: string; scopeGridId?: string | null },
): Promise<{ scopeRegionCode: string; scopeGridId: string | null }> {
  if (ROLE_SCOPE_KIND[role] === 'grid') {
    // Missing, unknown, deleted or outside the creator's scope: one answer, which says nothing of other scopes.
    if (!input.scopeGridId) throw new AppError('USER_GRID_INVALID', { field: 'scopeGridId' });
    const g = await liveGrid(db, input.scopeGridId);
    if (!g || !codeInSubtree(g.regionCode, actor.regionPrefix)) throw new AppError('USER_GRID_INVALID', { field: 'scopeGridId' });
    return { scopeRegionCode: g.regionCode, scopeGridId: input.scopeGridId };
  }
  const code = input.scopeRegionCode;
  if (!code || !codeInSubtree(code, actor.regionPrefix) || !(await findCurrentRegion(db, code))) {
    throw new AppError('USER_SCOPE_INVALID', { field: 'scopeRegionCode' });
  }
  return { scopeRegionCode: code, scopeGridId: null };
}
