/** The signed-in user as the web console sees them: role, scope, permissions. */
import { eq } from 'drizzle-orm';
import { parseDivisionCode, type Me } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { Actor } from '../context.js';
import type { Providers } from '../kit/kit.js';
import { appUser } from '../accounts/tables.js';

export async function describeMe(db: Db, names: Pick<Providers, 'regionNames' | 'gridNames'>, actor: Actor): Promise<Me> {
  const [[row], regions, grids] = await Promise.all([
    db.select({ mustChangePassword: appUser.mustChangePassword }).from(appUser).where(eq(appUser.id, actor.id)).limit(1),
    names.regionNames(db, [actor.regionCode]),
    actor.gridId ? names.gridNames(db, [actor.gridId]) : new Map<string, string>(),
  ]);
  const parsed = parseDivisionCode(actor.regionCode);
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    scope: {
      regionCode: actor.regionCode,
      regionName: regions.get(actor.regionCode) ?? '',
      level: parsed.ok ? parsed.level : 'province',
      gridId: actor.gridId,
      gridName: actor.gridId ? (grids.get(actor.gridId) ?? null) : null,
    },
    permissions: [...actor.permissions],
    mustChangePassword: row?.mustChangePassword ?? false,
  };
}
