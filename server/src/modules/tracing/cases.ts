/**
 * Cases: recording one (then tracing it at once), the list in scope (masked, audited), one case
 * with the contacts the reader may see (audited; the others counted), its steps through the
 * workflow kit, and the chain of transmission (short case numbers only).
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { CaseAction, CaseCreateRequest, CaseDetail, CaseListQuery, CaseStatus, TransmissionGraph } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { caseNoOf, presentCases, presentContacts } from './present.js';
import { resolvePerson } from './person.js';
import { currentRule } from './rule.js';
import { epiCase, epiContact } from './tables.js';
import { traceCase } from './trace.js';
import { CASE_VISIBILITY, CONTACT_VISIBILITY, caseActions, caseWorkflow, loadCase, type CaseRow } from './workflow.js';

type CaseKit = Pick<Kit, 'db' | 'vault' | 'providers' | 'jobs' | 'registry'>;

/** A case's detail carries its closest contacts; the rest page through the contacts list. */
const CONTACTS_IN_DETAIL = 200;
/** A case's contacts: close before secondary, the latest exposure first. */
export const CLOSEST_FIRST = [epiContact.degree, desc(epiContact.lastExposureAt), desc(epiContact.id)] as const;

async function contactCounts(db: Db, caseIds: readonly string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const found = await db.select({ caseId: epiContact.caseId, n: count() }).from(epiContact).where(inArray(epiContact.caseId, [...caseIds])).groupBy(epiContact.caseId);
  return new Map(found.map((f) => [f.caseId, Number(f.n)]));
}

async function caseNumbers(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: epiCase.id, caseNo: epiCase.caseNo }).from(epiCase).where(inArray(epiCase.id, [...new Set(ids)]));
  return new Map(found.map((f) => [f.id, f.caseNo]));
}

async function summaries(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, cases: readonly CaseRow[]) {
  const [contacts, sourceNos, { rule }] = await Promise.all([
    contactCounts(kit.db, cases.map((c) => c.id)),
    caseNumbers(kit.db, cases.flatMap((c) => (c.sourceCaseId ? [c.sourceCaseId] : []))),
    currentRule(kit.db),
  ]);
  return presentCases(kit, cases, { contacts, sourceNos, rule, now: ctx.clock.now() });
}

export async function createCase(kit: CaseKit, ctx: ActorContext, input: CaseCreateRequest): Promise<CaseDetail> {
  if (!input.onsetDate && !input.samplingDate) throw new AppError('CASE_DATE_REQUIRED', { fields: [{ field: 'onsetDate', code: 'CASE_DATE_REQUIRED' }] });
  if (Boolean(input.person) === Boolean(input.fromContactId)) throw new AppError('CASE_PERSON_REQUIRED', { fields: [{ field: 'person', code: 'CASE_PERSON_REQUIRED' }] });
  const now = ctx.clock.now();
  const id = await kit.db.transaction(async (tx) => {
    let from: { contactId: string; caseId: string } | null = null;
    let person;
    if (input.fromContactId) {
      // A contact of a case the caller manages (its own place may lie elsewhere).
      const [found] = await tx
        .select({ contact: epiContact, caseRegion: epiCase.regionCode })
        .from(epiContact)
        .innerJoin(epiCase, eq(epiCase.id, epiContact.caseId))
        .where(and(eq(epiContact.id, input.fromContactId), recordVisible(ctx.actor, CASE_VISIBILITY)))
        .for('update', { of: epiContact });
      if (!found) throw new AppError('CASE_PERSON_UNKNOWN', { fields: [{ field: 'fromContactId', code: 'CASE_PERSON_UNKNOWN' }] });
      if (found.contact.status === 'case') throw new AppError('CONTACT_ALREADY_CASE');
      from = { contactId: found.contact.id, caseId: found.contact.caseId };
      const c = found.contact;
      const inScope = c.regionCode.startsWith(ctx.actor.regionPrefix);
      person = { personKey: c.personKey, residentId: c.residentId, name: c.residentId ? null : (c.name ?? ''), id: null, regionCode: inScope ? c.regionCode : ctx.actor.regionCode, gridId: inScope ? c.gridId : null };
    } else {
      person = await resolvePerson({ db: tx, vault: kit.vault }, ctx, input.person!, 'person');
    }
    const [open] = await tx
      .select({ id: epiCase.id })
      .from(epiCase)
      .where(and(eq(epiCase.personKey, person.personKey), inArray(epiCase.status, ['suspected', 'confirmed']), recordVisible(ctx.actor, CASE_VISIBILITY)));
    if (open) throw new AppError('CASE_ALREADY_OPEN', { caseId: open.id });
    const [made] = await tx
      .insert(epiCase)
      .values({
        id: crypto.randomUUID(), personKey: person.personKey, residentId: person.residentId, name: person.name, idCipher: person.id?.cipher ?? null, idHash: person.id?.hash ?? null, idMasked: person.id?.masked ?? null,
        status: input.status, onsetDate: input.onsetDate ?? null, samplingDate: input.samplingDate ?? null, isolatedAt: input.isolatedAt ? new Date(input.isolatedAt) : null,
        confirmedAt: input.status === 'confirmed' ? now : null, sourceCaseId: from?.caseId ?? null, regionCode: person.regionCode, gridId: person.gridId, note: input.note ?? null,
        version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
      })
      .returning();
    if (from) await tx.update(epiContact).set({ status: 'case', updatedAt: now }).where(eq(epiContact.id, from.contactId));
    // The person's health code (kit/evidence.ts) follows in this transaction.
    await evidenceChanged(kit, tx, [person.personKey], now);
    await writeAudit(tx, ctx, {
      action: 'case.create', objectType: 'case', objectId: made!.id, ...(person.residentId ? { subject: person.residentId } : {}), regionCode: made!.regionCode,
      details: { status: input.status, caseNo: caseNoOf(made!.caseNo), fromContact: Boolean(from) },
    });
    return made!.id;
  });
  await traceCase(kit, ctx, id);
  return readCase(kit, ctx, id, 'case.create');
}

export async function listCases(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: CaseListQuery) {
  const { page, pageSize, ...f } = q;
  const where = and(recordVisible(ctx.actor, CASE_VISIBILITY), f.status ? eq(epiCase.status, f.status) : undefined);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(epiCase).where(where).orderBy(desc(epiCase.createdAt), desc(epiCase.caseNo)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(epiCase).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'case.list', objectType: 'case', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await summaries(kit, ctx, found), total: Number(total?.n ?? 0), page, pageSize };
}

/**
 * One case with the contacts the reader may see. Read for a stated purpose (the route requires one;
 * after a write, the write is the purpose), audited with it.
 */
export async function readCase(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, purpose: string | undefined): Promise<CaseDetail> {
  const c = await loadCase(kit.db, ctx.actor, id);
  if (!purpose) throw new AppError('TRACING_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'TRACING_PURPOSE_REQUIRED' }] });
  const visible = and(eq(epiContact.caseId, c.id), recordVisible(ctx.actor, CONTACT_VISIBILITY));
  const [[summary], contacts, [all], [shown]] = await Promise.all([
    summaries(kit, ctx, [c]),
    kit.db.select().from(epiContact).where(visible).orderBy(...CLOSEST_FIRST).limit(CONTACTS_IN_DETAIL),
    kit.db.select({ n: count() }).from(epiContact).where(eq(epiContact.caseId, c.id)),
    kit.db.select({ n: count() }).from(epiContact).where(visible),
  ]);
  await writeAudit(kit.db, ctx, { action: 'case.read', objectType: 'case', objectId: c.id, ...(c.residentId ? { subject: c.residentId } : {}), regionCode: c.regionCode, details: { purpose, contactsShown: contacts.length } });
  return {
    ...summary!, note: c.note, isolatedAt: c.isolatedAt?.toISOString() ?? null, ruleVersion: c.ruleVersion,
    contactList: await presentContacts(kit, ctx.actor, contacts, new Map([[c.id, c.caseNo]])),
    contactsInScope: Number(shown?.n ?? 0), contactsElsewhere: Number(all?.n ?? 0) - Number(shown?.n ?? 0), actions: caseActions(ctx.actor, c, ctx.clock.now()),
  };
}

export async function transitionCase(kit: CaseKit, ctx: ActorContext, id: string, action: CaseAction, input: { version: number; note?: string; reason?: string }): Promise<CaseDetail> {
  await runTransition(kit, ctx, caseWorkflow, id, action, { version: input.version, note: input.note ?? input.reason ?? null }, async ({ tx, row, now }): Promise<Effects<CaseRow, CaseStatus>> => {
    // The new status is written before the health codes are recomputed in this transaction (the
    // workflow's save then writes it again with the version): the evidence sources read the table.
    if (action === 'confirm') {
      await tx.update(epiCase).set({ status: 'confirmed', confirmedAt: now }).where(eq(epiCase.id, row.id));
      await evidenceChanged(kit, tx, [row.personKey], now);
      return { status: 'confirmed', patch: { confirmedAt: now } };
    }
    if (action === 'exclude') {
      // An excluded case exposed nobody: its contacts' follow-up ends.
      const ended = await tx.update(epiContact).set({ status: 'ended', updatedAt: now }).where(and(eq(epiContact.caseId, row.id), eq(epiContact.status, 'following'))).returning({ personKey: epiContact.personKey });
      await tx.update(epiCase).set({ status: 'excluded' }).where(eq(epiCase.id, row.id));
      await evidenceChanged(kit, tx, [row.personKey, ...ended.map((e) => e.personKey)], now);
      return { status: 'excluded' };
    }
    await tx.update(epiCase).set({ status: 'closed' }).where(eq(epiCase.id, row.id));
    await evidenceChanged(kit, tx, [row.personKey], now);
    return { status: 'closed' };
  });
  return readCase(kit, ctx, id, `case.${action}`);
}

/** The chain of transmission in scope: cases by short number, source links between cases the reader sees, others counted. */
export async function transmissionGraph(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<TransmissionGraph> {
  const cases = await kit.db.select().from(epiCase).where(recordVisible(ctx.actor, CASE_VISIBILITY)).orderBy(epiCase.caseNo).limit(2000);
  const shown = new Set(cases.map((c) => c.id));
  const counts = await contactCounts(kit.db, [...shown]);
  const fromElsewhere = new Map<string, number>();
  const links: TransmissionGraph['links'] = [];
  for (const c of cases) {
    if (!c.sourceCaseId) continue;
    if (shown.has(c.sourceCaseId)) links.push({ source: c.sourceCaseId, target: c.id });
    else fromElsewhere.set(c.id, (fromElsewhere.get(c.id) ?? 0) + 1);
  }
  await writeAudit(kit.db, ctx, { action: 'case.graph', objectType: 'case', details: { cases: cases.length, links: links.length } });
  return {
    nodes: cases.map((c) => ({ id: c.id, caseNo: caseNoOf(c.caseNo), status: c.status as CaseStatus, contacts: counts.get(c.id) ?? 0 })),
    links,
    fromElsewhere: [...fromElsewhere].map(([target, n]) => ({ target, count: n })),
  };
}
