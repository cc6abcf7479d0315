/**
 * Contacts: the follow-up list where they live (masked, audited), and a contact named in an
 * interview (流调补录), added to a case the caller manages with the exposure it was told of.
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CaseDetail, ContactListQuery, ContactSummary, ManualContactRequest } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { gridIdsNamedLike } from '../grids/queries.js';
import { CLOSEST_FIRST, readCase } from './cases.js';
import { resolvePerson } from './person.js';
import { presentContacts } from './present.js';
import { currentRule } from './rule.js';
import { epiCase, epiContact } from './tables.js';
import { mergeExposure, type StoredEvidence } from './trace.js';
import { CONTACT_VISIBILITY, loadCase, managesCase } from './workflow.js';

/** A grid's name (part of it) or a case number; the grid is only a way in: visibility still decides. */
function contactSearch(q: string): SQL {
  const byGrid = sql`${epiContact.gridId} in ${gridIdsNamedLike(q)}`;
  const caseNo = /^[Cc]?(\d{1,9})$/.exec(q)?.[1];
  return caseNo ? or(byGrid, sql`${epiContact.caseId} in (select ${epiCase.id} from ${epiCase} where ${epiCase.caseNo} = ${Number(caseNo)})`)! : byGrid;
}

export async function listContacts(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: ContactListQuery) {
  const { page, pageSize, ...f } = q;
  const where = and(
    recordVisible(ctx.actor, CONTACT_VISIBILITY),
    f.caseId ? eq(epiContact.caseId, f.caseId) : undefined,
    f.status ? eq(epiContact.status, f.status) : undefined,
    f.degree ? eq(epiContact.degree, Number(f.degree)) : undefined,
    f.q ? contactSearch(f.q) : undefined,
  );
  const order = f.caseId ? CLOSEST_FIRST : ([desc(epiContact.lastExposureAt), desc(epiContact.id)] as const);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(epiContact).where(where).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(epiContact).where(where),
  ]);
  const caseIds = [...new Set(found.map((c) => c.caseId))];
  const nos = caseIds.length ? await kit.db.select({ id: epiCase.id, caseNo: epiCase.caseNo }).from(epiCase).where(inArray(epiCase.id, caseIds)) : [];
  await writeAudit(kit.db, ctx, { action: 'contact.list', objectType: 'contact', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  const items = await presentContacts(kit, ctx.actor, found, new Map(nos.map((n) => [n.id, n.caseNo])));
  return { items, total: Number(total?.n ?? 0), page, pageSize };
}

/** One contact living in scope (masked, with its evidence), for a stated purpose; audited with it. */
export async function readContact(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, purpose: string | undefined): Promise<ContactSummary> {
  const [found] = await kit.db.select().from(epiContact).where(and(eq(epiContact.id, id), recordVisible(ctx.actor, CONTACT_VISIBILITY)));
  if (!found) throw notFound();
  if (!purpose) throw new AppError('TRACING_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'TRACING_PURPOSE_REQUIRED' }] });
  const [no] = await kit.db.select({ caseNo: epiCase.caseNo }).from(epiCase).where(eq(epiCase.id, found.caseId));
  await writeAudit(kit.db, ctx, { action: 'contact.read', objectType: 'contact', objectId: found.id, ...(found.residentId ? { subject: found.residentId } : {}), regionCode: found.regionCode, details: { purpose } });
  const [shown] = await presentContacts(kit, ctx.actor, [found], new Map([[found.caseId, no?.caseNo ?? 0]]));
  return shown!;
}

export async function addManualContact(kit: Pick<Kit, 'db' | 'vault' | 'providers' | 'registry'>, ctx: ActorContext, caseId: string, input: ManualContactRequest): Promise<CaseDetail> {
  await kit.db.transaction(async (tx) => {
    const c = await loadCase(tx, ctx.actor, caseId, true);
    if (!managesCase(ctx.actor, c)) throw new AppError('FORBIDDEN', { action: 'contact.add' });
    if (c.status === 'excluded' || c.status === 'closed') throw new AppError('CASE_STATE', { action: 'contact.add', status: c.status });
    const person = await resolvePerson({ db: tx, vault: kit.vault }, ctx, input.person, 'person');
    if (person.personKey === c.personKey) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'person', code: 'CASE_PERSON_UNKNOWN' }] });
    const now = ctx.clock.now();
    const { rule } = await currentRule(tx);
    const at = new Date(input.exposedAt);
    const evidence: StoredEvidence = { kind: 'manual', note: input.note, exposedAt: at.toISOString() };
    const [had] = await tx.select().from(epiContact).where(and(eq(epiContact.caseId, c.id), eq(epiContact.personKey, person.personKey))).for('update');
    const values = {
      degree: 1, viaContactId: null, kinds: [...new Set([...(had?.kinds ?? []), 'manual'])], evidence: [...((had?.evidence as StoredEvidence[] | undefined) ?? []), evidence],
      ...mergeExposure(had, at, at, rule, now), updatedAt: now,
    };
    let id = had?.id;
    if (had) await tx.update(epiContact).set(values).where(eq(epiContact.id, had.id));
    else {
      id = crypto.randomUUID();
      await tx.insert(epiContact).values({
        id, caseId: c.id, personKey: person.personKey, personKind: person.residentId ? 'r' : 'd', residentId: person.residentId, name: person.name, regionCode: person.regionCode, gridId: person.gridId, createdAt: now, ...values,
      });
    }
    await evidenceChanged(kit, tx, [person.personKey], now);
    await writeAudit(tx, ctx, { action: 'contact.add', objectType: 'contact', objectId: id!, ...(person.residentId ? { subject: person.residentId } : {}), regionCode: c.regionCode, details: { caseId: c.id, again: Boolean(had) } });
  });
  return readCase(kit, ctx, caseId, 'contact.add');
}
