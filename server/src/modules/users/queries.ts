/** Reads of accounts, scoped to the actor's subtree. Phones are masked. */
import { maskPhone, type Role, type User } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { findAccount, listAccounts, type AccountListQuery, type AccountRow } from '../../platform/accounts/accounts.js';
import { pendingEnrolments } from '../../platform/auth/enrolment.js';
import { regionNames } from '../regions/queries.js';
import { gridNames } from '../grids/queries.js';

async function present(db: Db, rows: AccountRow[], now: Date): Promise<User[]> {
  const [names, grids, enrolments] = await Promise.all([
    regionNames(db, rows.map((r) => r.scopeRegionCode)),
    gridNames(db, rows.flatMap((r) => (r.scopeGridId ? [r.scopeGridId] : []))),
    pendingEnrolments(db, rows.map((r) => r.id), now),
  ]);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    scopeRegionCode: r.scopeRegionCode,
    scopeRegionName: names.get(r.scopeRegionCode) ?? '',
    scopeGridId: r.scopeGridId,
    scopeGridName: r.scopeGridId ? (grids.get(r.scopeGridId) ?? null) : null,
    phone: r.phone ? maskPhone(r.phone) : null,
    disabled: r.disabled,
    lockedUntil: r.lockedUntil?.toISOString() ?? null,
    totpEnrolled: r.totpSecret !== null,
    enrolmentPendingUntil: enrolments.get(r.id)?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listUsers(db: Db, actor: Actor, q: AccountListQuery, now: Date): Promise<{ items: User[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await listAccounts(db, actor, q);
  return { items: await present(db, rows, now), total, page: q.page, pageSize: q.pageSize };
}

export async function getUser(db: Db, actor: Actor, id: string, now: Date): Promise<User> {
  return (await present(db, [await findAccount(db, actor, id)], now))[0]!;
}
