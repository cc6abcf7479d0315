/** Reads of accounts, scoped to the actor's subtree. Phones are masked. */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { divisionPrefix, maskPhone, type Role, type User } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { regionInScope } from '../../platform/scope.js';
import { appUser } from '../../platform/auth/tables.js';
import { regionNames } from '../regions/queries.js';
import { grid } from '../grids/tables.js';

type UserRow = typeof appUser.$inferSelect;

export function userInScope(actor: Actor): SQL {
  return regionInScope(actor, appUser.scopeRegionCode);
}

async function present(db: Db, rows: UserRow[]): Promise<User[]> {
  const gridIds = rows.flatMap((r) => (r.scopeGridId ? [r.scopeGridId] : []));
  const [names, grids] = await Promise.all([
    regionNames(db, rows.map((r) => r.scopeRegionCode)),
    gridIds.length ? db.select({ id: grid.id, name: grid.name }).from(grid).where(inArray(grid.id, gridIds)) : Promise.resolve([]),
  ]);
  const gridNames = new Map(grids.map((g) => [g.id, g.name]));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    scopeRegionCode: r.scopeRegionCode,
    scopeRegionName: names.get(r.scopeRegionCode) ?? '',
    scopeGridId: r.scopeGridId,
    scopeGridName: r.scopeGridId ? (gridNames.get(r.scopeGridId) ?? null) : null,
    phone: r.phone ? maskPhone(r.phone) : null,
    disabled: r.disabled,
    lockedUntil: r.lockedUntil?.toISOString() ?? null,
    totpEnrolled: r.totpSecret !== null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listUsers(
  db: Db,
  actor: Actor,
  q: { role?: Role; region?: string; q?: string; page: number; pageSize: number },
): Promise<{ items: User[]; total: number; page: number; pageSize: number }> {
  const where = and(
    userInScope(actor),
    q.role ? eq(appUser.role, q.role) : undefined,
    q.region ? sql`${appUser.scopeRegionCode} like ${divisionPrefix(q.region) + '%'}` : undefined,
    q.q ? or(ilike(appUser.username, `%${q.q}%`), ilike(appUser.displayName, `%${q.q}%`)) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select().from(appUser).where(where).orderBy(asc(appUser.scopeRegionCode), asc(appUser.username)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(appUser).where(where),
  ]);
  return { items: await present(db, rows), total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  const [row] = await db.select().from(appUser).where(and(eq(appUser.id, id), userInScope(actor)));
  if (!row) throw notFound();
  return (await present(db, [row]))[0]!;
}

export async function findUserRow(db: Db, actor: Actor, id: string): Promise<UserRow> {
  const [row] = await db.select().from(appUser).where(and(eq(appUser.id, id), userInScope(actor))).for('update');
  if (!row) throw notFound();
  return row;
}

/** Active accounts of a role whose scope is exactly this region (or this grid), for notifications. */
export async function accountsAt(db: Db, role: 'operator' | 'grid_worker', at: { regionCode?: string; gridId?: string }): Promise<string[]> {
  const where = at.gridId ? eq(appUser.scopeGridId, at.gridId) : at.regionCode ? and(eq(appUser.scopeRegionCode, at.regionCode), isNull(appUser.scopeGridId)) : undefined;
  if (!where) return [];
  const found = await db.select({ id: appUser.id }).from(appUser).where(and(where, eq(appUser.role, role), eq(appUser.disabled, false)));
  return found.map((u) => u.id);
}
