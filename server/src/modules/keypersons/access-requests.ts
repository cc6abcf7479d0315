/**
 * Opening a minor's archive: the reader asks with a purpose; another holder of
 * `keyperson:approve` whose scope holds the archive approves (or refuses); an approval lasts
 * ACCESS_HOURS. Requests name no person: the approver sees the grid and the purpose.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { KpAccess } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notify } from '../../platform/notifications/notify.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { gridNames } from '../grids/queries.js';
import { addDays, isMinor } from './schedule.js';
import { kpAccessRequest } from './tables.js';
import { loadKeyPerson } from './workflow.js';

export const ACCESS_HOURS = 24;

type AccessRow = typeof kpAccessRequest.$inferSelect;

/** Approvers see the requests in their scope; whoever asked sees their own. */
export const ACCESS_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'keyperson:approve', where: (actor) => gridRecordInScope(actor, kpAccessRequest.regionCode, kpAccessRequest.gridId), test: (actor, r) => placeInScope(actor, r) },
  { permission: 'keyperson:read', where: (actor) => eq(kpAccessRequest.requestedBy, actor.id), test: (actor, r) => Boolean(r.userIds?.includes(actor.id)) },
];

export async function requestAccess(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, keyPersonId: string, purpose: string): Promise<string> {
  const { db } = kit;
  const row = await loadKeyPerson(db, ctx.actor, keyPersonId);
  const now = ctx.clock.now();
  if (!isMinor(row.birthDate, localDate(now))) throw new AppError('KEYPERSON_ACCESS_NOT_MINOR');
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(kpAccessRequest).values({ id, keyPersonId: row.id, regionCode: row.regionCode, gridId: row.gridId, requestedBy: ctx.actor.id, purpose, status: 'pending', createdAt: now });
    await writeAudit(tx, ctx, { action: 'key_person_access.request', objectType: 'key_person_access', objectId: id, subject: row.residentId, regionCode: row.regionCode, details: { keyPersonId: row.id, purpose } });
    await notify(tx, kit.registry.audiences, now, [
      { subject: { type: 'key_person_access', id }, kind: 'key_person_access.requested', params: {}, except: ctx.actor.id, audiences: [{ kind: 'accounts_at', permission: 'keyperson:approve', regionCode: row.regionCode }] },
    ]);
  });
  return id;
}

async function present(db: Db, actor: Actor, rows: AccessRow[]): Promise<KpAccess[]> {
  const [names, grids] = await Promise.all([accountNames(db, rows.flatMap((r) => [r.requestedBy, r.decidedBy])), gridNames(db, rows.map((r) => r.gridId))]);
  return rows.map((r) => ({
    id: r.id,
    keyPersonId: r.keyPersonId,
    gridName: grids.get(r.gridId) ?? '',
    requestedByName: names.get(r.requestedBy) ?? null,
    purpose: r.purpose,
    status: r.status as KpAccess['status'],
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    mine: r.requestedBy === actor.id,
  }));
}

export async function listAccessRequests(db: Db, actor: Actor, status?: string): Promise<KpAccess[]> {
  const rows = await db
    .select()
    .from(kpAccessRequest)
    .where(and(recordVisible(actor, ACCESS_VISIBILITY), status ? eq(kpAccessRequest.status, status) : undefined))
    .orderBy(desc(kpAccessRequest.createdAt))
    .limit(200);
  return present(db, actor, rows);
}

export async function decideAccess(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, id: string, decision: 'approve' | 'refuse', note?: string): Promise<KpAccess> {
  const { db } = kit;
  const now = ctx.clock.now();
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(kpAccessRequest).where(and(eq(kpAccessRequest.id, id), recordVisible(ctx.actor, ACCESS_VISIBILITY))).for('update');
    if (!row) throw notFound();
    if (row.requestedBy === ctx.actor.id) throw new AppError('KEYPERSON_ACCESS_SELF');
    if (!ctx.actor.permissions.includes('keyperson:approve') || !placeInScope(ctx.actor, row)) throw new AppError('FORBIDDEN', { action: decision });
    if (row.status !== 'pending') throw new AppError('KEYPERSON_ACCESS_STATE');
    const next = { status: decision === 'approve' ? 'approved' : 'refused', decidedBy: ctx.actor.id, decidedAt: now, note: note ?? null, expiresAt: decision === 'approve' ? addDays(now, ACCESS_HOURS / 24) : null };
    await tx.update(kpAccessRequest).set(next).where(eq(kpAccessRequest.id, id));
    await writeAudit(tx, ctx, { action: `key_person_access.${decision}`, objectType: 'key_person_access', objectId: id, regionCode: row.regionCode, details: { keyPersonId: row.keyPersonId, requestedBy: row.requestedBy, note: note ?? null, expiresAt: next.expiresAt?.toISOString() ?? null } });
    await notify(tx, kit.registry.audiences, now, [
      { subject: { type: 'key_person_access', id }, kind: decision === 'approve' ? 'key_person_access.approved' : 'key_person_access.refused', params: {}, audiences: [{ kind: 'users', userIds: [row.requestedBy] }] },
    ]);
    return { ...row, ...next };
  });
  return (await present(db, ctx.actor, [saved]))[0]!;
}

