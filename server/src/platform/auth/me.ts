/** The signed-in user as the web console sees them: role, scope, permissions. */
import { and, eq } from 'drizzle-orm';
import { parseDivisionCode, type Me } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { Actor } from '../context.js';
import { region } from '../../modules/regions/tables.js';
import { grid } from '../../modules/grids/tables.js';
import { appUser } from './tables.js';

export async function describeMe(db: Db, actor: Actor): Promise<Me> {
  const [row] = await db
    .select({ mustChangePassword: appUser.mustChangePassword, regionName: region.name, gridName: grid.name })
    .from(appUser)
    .leftJoin(region, and(eq(region.code, appUser.scopeRegionCode)))
    .leftJoin(grid, eq(grid.id, appUser.scopeGridId))
    .where(eq(appUser.id, actor.id))
    .limit(1);
  const parsed = parseDivisionCode(actor.regionCode);
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    scope: {
      regionCode: actor.regionCode,
      regionName: row?.regionName ?? '',
      level: parsed.ok ? parsed.level : 'province',
      gridId: actor.gridId,
      gridName: row?.gridName ?? null,
    },
    permissions: [...actor.permissions],
    mustChangePassword: row?.mustChangePassword ?? false,
  };
}
