/** Reads of disputes: the scoped list, one dispute with its parties (masked) and sessions, the audited reveal of a party. */
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { DISPUTE_OPEN_STATUSES, type Dispute, type DisputeListItem, type DisputeStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible, underRegion } from '../../platform/scope.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { regionNames } from '../regions/queries.js';
import { gridNames } from '../grids/queries.js';
import { ticketNumbers } from '../tickets/queries.js';
import { spendUnmaskBudget } from '../registers/unmask-budget.js';
import { dispute, disputeParty, mediationSession, type DisputeRow } from './tables.js';
import { DISPUTE_VISIBILITY, disputeActions, loadDispute } from './workflow.js';
import { containing } from '../../platform/db/like.js';

export interface DisputeListQuery {
  status?: DisputeStatus;
  region?: string;
  gridId?: string;
  q?: string;
  page: number;
  pageSize: number;
}


export async function listDisputes(db: Db, actor: Actor, q: DisputeListQuery): Promise<{ items: DisputeListItem[]; total: number; page: number; pageSize: number }> {
  const where = and(
    recordVisible(actor, DISPUTE_VISIBILITY),
    q.status ? eq(dispute.status, q.status) : undefined,
    q.region ? underRegion(dispute.regionCode, q.region) : undefined,
    q.gridId ? eq(dispute.gridId, q.gridId) : undefined,
    q.q ? or(ilike(dispute.name, containing(q.q)), eq(dispute.number, q.q.toUpperCase())) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(dispute).where(where).orderBy(desc(dispute.createdAt), asc(dispute.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(dispute).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [regions, grids, parties] = await Promise.all([
    regionNames(db, rows.map((r) => r.regionCode)),
    gridNames(db, rows.map((r) => r.gridId)),
    ids.length === 0 ? [] : db.select({ id: disputeParty.disputeId, n: count() }).from(disputeParty).where(inArray(disputeParty.disputeId, ids)).groupBy(disputeParty.disputeId),
  ]);
  const partyCounts = new Map(parties.map((p) => [p.id, Number(p.n)]));
  return {
    items: rows.map((r) => ({
      id: r.id, number: r.number, regionCode: r.regionCode, regionName: regions.get(r.regionCode) ?? '', gridId: r.gridId, gridName: grids.get(r.gridId) ?? '', name: r.name, category: r.category, scale: r.scale,
      occurredOn: r.occurredOn, deadline: r.deadline, status: r.status as DisputeStatus, createdAt: r.createdAt.toISOString(), version: r.version, partyCount: partyCounts.get(r.id) ?? 0,
    })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function presentDispute(db: Db, actor: Actor, r: DisputeRow, now: Date): Promise<Dispute> {
  const [regions, grids, parties, sessions, tickets] = await Promise.all([
    regionNames(db, [r.regionCode]),
    gridNames(db, [r.gridId]),
    db.select().from(disputeParty).where(eq(disputeParty.disputeId, r.id)).orderBy(asc(disputeParty.seq)),
    db.select().from(mediationSession).where(eq(mediationSession.disputeId, r.id)).orderBy(asc(mediationSession.heldOn), asc(mediationSession.createdAt)),
    r.ticketId ? ticketNumbers(db, [r.ticketId]) : new Map<string, string>(),
  ]);
  const recorders = await accountNames(db, sessions.map((s) => s.recordedBy).filter((id): id is string => id !== null));
  return {
    id: r.id,
    number: r.number,
    regionCode: r.regionCode,
    regionName: regions.get(r.regionCode) ?? '',
    gridId: r.gridId,
    gridName: grids.get(r.gridId) ?? '',
    name: r.name,
    category: r.category,
    scale: r.scale,
    occurredOn: r.occurredOn,
    deadline: r.deadline,
    status: r.status as DisputeStatus,
    formKey: r.formKey,
    formVersion: r.formVersion,
    answers: r.answers as Record<string, unknown>,
    parties: parties.map((p) => ({ seq: p.seq, name: p.name, partyCategory: p.partyCategory, idType: p.idType, idNumberMasked: p.idMasked, sex: p.sex, ethnicGroup: p.ethnicGroup, education: p.education, phoneMasked: p.phoneMasked, address: p.address })),
    mediatorLevel: r.mediatorLevel as Dispute['mediatorLevel'],
    departmentId: r.departmentId,
    mediatorName: r.mediatorName,
    resolutionWay: r.resolutionWay,
    agreement: r.agreement as Dispute['agreement'],
    resolution: r.resolution as Dispute['resolution'],
    sessions: sessions.map((s) => ({ id: s.id, heldOn: s.heldOn, place: s.place, attendees: s.attendees, notes: s.notes, recordedBy: s.recordedBy ? (recorders.get(s.recordedBy) ?? null) : null, createdAt: s.createdAt.toISOString() })),
    // The ticket it was escalated into: its number once filed (null for the moment before).
    ticket: r.ticketId ? { id: r.ticketId, number: tickets.get(r.ticketId) ?? null } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    actions: disputeActions(actor, r, now),
  };
}

export async function getDispute(db: Db, actor: Actor, id: string, now: Date): Promise<Dispute> {
  return presentDispute(db, actor, await loadDispute(db, actor, id), now);
}

/**
 * A party's full document number and phone, for a holder of `dispute:unmask` who reads the
 * dispute, with a reason (audited): one unit of the same per-user unmask budget as the registers'
 * reveals (registers/unmask-budget.ts), spent and written in one transaction.
 */
export async function unmaskParty(db: Db, vault: PiiVault, ctx: ActorContext, id: string, request: { reason: string; seq: number }, limitPerHour: number): Promise<{ idNumber: string | null; phone: string | null }> {
  return db.transaction(async (tx) => {
    const d = await loadDispute(tx, ctx.actor, id);
    const [party] = await tx.select().from(disputeParty).where(and(eq(disputeParty.disputeId, d.id), eq(disputeParty.seq, request.seq)));
    if (!party) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'seq', code: 'NOT_FOUND' }] });
    await spendUnmaskBudget(tx, ctx, limitPerHour);
    await writeAudit(tx, ctx, { action: 'dispute.unmask', objectType: 'dispute', objectId: d.id, regionCode: d.regionCode, details: { seq: request.seq, reason: request.reason } });
    return { idNumber: party.idCipher ? vault.decrypt('id_number', party.idCipher) : null, phone: party.phoneCipher ? vault.decrypt('phone', party.phoneCipher) : null };
  });
}


/**
 * Open disputes per grid (the map layer "by place"), within the reader's scope: counts only,
 * never a name, a party or a point. Overdue: the resolution deadline has passed (the deployment's day).
 */
export async function openDisputesByGrid(db: Db, actor: Actor, today: string, region?: string): Promise<{ gridId: string; gridName: string; open: number; overdue: number }[]> {
  const found = await db
    .select({ gridId: dispute.gridId, open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${dispute.deadline} < ${today}))::int` })
    .from(dispute)
    .where(and(recordVisible(actor, DISPUTE_VISIBILITY), inArray(dispute.status, [...DISPUTE_OPEN_STATUSES]), region ? underRegion(dispute.regionCode, region) : undefined))
    .groupBy(dispute.gridId);
  const names = await gridNames(db, found.map((f) => f.gridId));
  return found.map((f) => ({ gridId: f.gridId, gridName: names.get(f.gridId) ?? '', open: Number(f.open), overdue: Number(f.overdue) }));
}
