/**
 * The accounts home: every read and write of `app_user` outside sign-in goes through these
 * functions (the users module's administration, notifications, names on records, seeding).
 */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { ROLES, ROLE_PERMISSIONS, type Permission, type Role } from '@gridgov/contracts';
import type { Actor } from '../context.js';
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import { regionInScope, underRegion } from '../scope.js';
import { appUser } from './tables.js';

export type AccountRow = typeof appUser.$inferSelect;
export type NewAccount = typeof appUser.$inferInsert;

/** The roles that hold a permission. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** Accounts in the actor's subtree (by their scope root). */
export function accountInScope(actor: Actor): SQL {
  return regionInScope(actor, appUser.scopeRegionCode);
}

export interface AccountListQuery {
  role?: Role;
  region?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listAccounts(db: Db, actor: Actor, q: AccountListQuery): Promise<{ rows: AccountRow[]; total: number }> {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    accountInScope(actor),
    q.role ? eq(appUser.role, q.role) : undefined,
    q.region ? underRegion(appUser.scopeRegionCode, q.region) : undefined,
    like ? or(ilike(appUser.username, like), ilike(appUser.displayName, like)) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select().from(appUser).where(where).orderBy(asc(appUser.scopeRegionCode), asc(appUser.username)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(appUser).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One account in the actor's subtree (locked inside a change), else NOT_FOUND. */
export async function findAccount(db: Db, actor: Actor, id: string, forUpdate = false): Promise<AccountRow> {
  const query = db.select().from(appUser).where(and(eq(appUser.id, id), accountInScope(actor)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

/** An account by id, with no scope: for the platform itself (sign-in, sessions, the caller's own account). */
export async function accountById(db: Db, id: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  return row ?? null;
}

export async function accountByUsername(db: Db, username: string): Promise<AccountRow | null> {
  const [row] = await db
    .select()
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, username.toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await accountByUsername(db, username)) !== null;
}

export async function insertAccounts(db: Db, rows: NewAccount[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(appUser).values(rows.slice(i, i + 500));
}

export async function updateAccount(db: Db, id: string, changes: Partial<NewAccount>): Promise<void> {
  await db.update(appUser).set(changes).where(eq(appUser.id, id));
}

/** Display names by account id (for names on records). */
export async function accountNames(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(inArray(appUser.id, wanted));
  return new Map(found.map((u) => [u.id, u.name]));
}

/**
 * Active accounts holding a permission whose scope is exactly this region (a region-scoped
 * account, not a grid's) or exactly this grid: who is told about work at that place.
 */
export async function accountsAt(db: Db, permission: Permission, at: { regionCode?: string; gridId?: string }): Promise<string[]> {
  const where = at.gridId ? eq(appUser.scopeGridId, at.gridId) : at.regionCode ? and(eq(appUser.scopeRegionCode, at.regionCode), isNull(appUser.scopeGridId)) : undefined;
  if (!where) return [];
  const found = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(where, inArray(appUser.role, rolesWith(permission)), eq(appUser.disabled, false)));
  return found.map((u) => u.id);
}

/**
 * `accountsAt` for many places in one query: the active accounts holding `permission` whose scope
 * is exactly each region (and no grid) or each grid, by that region code or grid id.
 */
export async function accountsAtMany(db: Db, permission: Permission, at: { regionCodes?: readonly string[]; gridIds?: readonly string[] }): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const roles = rolesWith(permission);
  const add = (key: string | null, id: string) => key && out.set(key, [...(out.get(key) ?? []), id]);
  const regionCodes = [...new Set(at.regionCodes ?? [])];
  const gridIds = [...new Set(at.gridIds ?? [])];
  if (regionCodes.length && roles.length) {
    const found = await db.select({ id: appUser.id, key: appUser.scopeRegionCode }).from(appUser)
      .where(and(inArray(appUser.scopeRegionCode, regionCodes), isNull(appUser.scopeGridId), inArray(appUser.role, roles), eq(appUser.disabled, false)));
    for (const u of found) add(u.key, u.id);
  }
  if (gridIds.length && roles.length) {
    const found = await db.select({ id: appUser.id, key: appUser.scopeGridId }).from(appUser)
      .where(and(inArray(appUser.scopeGridId, gridIds), inArray(appUser.role, roles), eq(appUser.disabled, false)));
    for (const u of found) add(u.key, u.id);
  }
  return out;
}

/** The active accounts working in some grids (holding `permission` with that grid as scope), by name. */
export async function gridAccounts(db: Db, permission: Permission, gridIds: readonly string[]): Promise<{ id: string; displayName: string; gridId: string }[]> {
  if (gridIds.length === 0) return [];
  const found = await db
    .select({ id: appUser.id, displayName: appUser.displayName, gridId: appUser.scopeGridId })
    .from(appUser)
    .where(and(inArray(appUser.scopeGridId, [...new Set(gridIds)]), inArray(appUser.role, rolesWith(permission)), eq(appUser.disabled, false)))
    .orderBy(asc(appUser.displayName));
  return found.map((u) => ({ id: u.id, displayName: u.displayName, gridId: u.gridId! }));
}

/** The active accounts holding `permission` in a grid under a region prefix, grouped by grid (ids by name): a batch job's assignees. */
export async function gridAccountsUnder(db: Db, permission: Permission, prefix: string): Promise<{ gridId: string; userIds: string[] }[]> {
  const roles = rolesWith(permission);
  if (roles.length === 0) return [];
  const found = await db
    .select({ id: appUser.id, gridId: appUser.scopeGridId })
    .from(appUser)
    .where(and(sql`${appUser.scopeGridId} is not null and ${appUser.scopeRegionCode} like ${`${prefix}%`}`, inArray(appUser.role, roles), eq(appUser.disabled, false)))
    .orderBy(asc(appUser.scopeGridId), asc(appUser.displayName), asc(appUser.id));
  const byGrid = new Map<string, string[]>();
  for (const u of found) byGrid.set(u.gridId!, [...(byGrid.get(u.gridId!) ?? []), u.id]);
  return [...byGrid].map(([gridId, userIds]) => ({ gridId, userIds }));
}

/** Every account's username, role and scope root, by username (demo logins). */
export async function accountDirectory(db: Db): Promise<Pick<AccountRow, 'username' | 'role' | 'displayName' | 'scopeRegionCode' | 'totpSecret'>[]> {
  return db
    .select({ username: appUser.username, role: appUser.role, displayName: appUser.displayName, scopeRegionCode: appUser.scopeRegionCode, totpSecret: appUser.totpSecret })
    .from(appUser)
    .orderBy(asc(appUser.username));
}

/** The active accounts of a role whose scope is exactly one of the regions (any grid of them included): a notice "to a role" at a place and the regions above it. */
export async function accountsOfRoleAt(db: Db, role: Role, regionCodes: readonly string[]): Promise<string[]> {
  if (regionCodes.length === 0) return [];
  const found = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.role, role), inArray(appUser.scopeRegionCode, [...new Set(regionCodes)]), eq(appUser.disabled, false)));
  return found.map((u) => u.id);
}
