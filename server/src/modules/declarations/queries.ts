/**
 * Reads of declarations. Health data: lists are masked and audited with their filters, a detail
 * needs a stated purpose and is audited with it, counts are scoped like lists; out of scope is
 * "not found". The resident's own history is found with the document number and phone given
 * (both must match). `declaredUnflagged` is what other modules (survey campaigns) ask.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DeclarationDetail, DeclarationHistory, DeclarationListQuery, DeclarationMode, DeclarationSource, DeclarationSummary, RaisedAlert } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { Kit } from '../../platform/kit/kit.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { declaration } from './tables.js';
import { documentOf, phoneOf, receiptOf, type DeclarationRow } from './declare.js';
import { maskName } from '../registers/references.js';

/** Operators see their region subtree's declarations, grid workers their grid's. */
export const DECLARATION_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'declaration:read', where: (actor) => gridRecordInScope(actor, declaration.regionCode, declaration.gridId), test: (actor, d) => placeInScope(actor, d) },
];

async function present(kit: Pick<Kit, 'db' | 'providers'>, found: DeclarationRow[]): Promise<DeclarationSummary[]> {
  const [regions, grids] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(found.map((d) => d.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(found.flatMap((d) => (d.gridId ? [d.gridId] : [])))]),
  ]);
  return found.map((d) => ({
    id: d.id, day: d.day, declaredAt: d.declaredAt.toISOString(), mode: d.mode as DeclarationMode, source: d.source as DeclarationSource, name: maskName(d.name),
    idNumberMasked: d.idNumberMasked, phoneMasked: d.phoneMasked, regionCode: d.regionCode, regionName: regions.get(d.regionCode) ?? '', gridId: d.gridId, gridName: d.gridId ? (grids.get(d.gridId) ?? null) : null,
    matched: d.residentId !== null, temperature: d.temperature, abnormal: d.abnormal, alertKeys: (d.alerts as RaisedAlert[]).map((a) => a.key), superseded: d.supersededBy !== null,
  }));
}

function filters(ctx: ActorContext, q: Omit<DeclarationListQuery, 'page' | 'pageSize'>): SQL | undefined {
  return and(
    recordVisible(ctx.actor, DECLARATION_VISIBILITY),
    q.superseded === 'true' ? undefined : isNull(declaration.supersededBy),
    q.from ? gte(declaration.day, q.from) : undefined,
    q.to ? lte(declaration.day, q.to) : undefined,
    q.abnormal ? eq(declaration.abnormal, q.abnormal === 'true') : undefined,
    q.unmatched === 'true' ? isNull(declaration.residentId) : q.unmatched === 'false' ? isNotNull(declaration.residentId) : undefined,
    q.grid ? eq(declaration.gridId, q.grid) : undefined,
  );
}

export async function listDeclarations(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: DeclarationListQuery) {
  const { page, pageSize, ...f } = q;
  const where = filters(ctx, f);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(declaration).where(where).orderBy(desc(declaration.declaredAt), desc(declaration.id)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(declaration).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'declaration.list', objectType: 'declaration', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await present(kit, found), total: Number(total?.n ?? 0), page, pageSize };
}

/** Today's declarations in the caller's scope: all, abnormal, unmatched (current ones only). */
export async function countToday(db: Db, ctx: ActorContext) {
  const day = localDate(ctx.clock.now());
  const [row] = await db
    .select({ total: count(), abnormal: sql<number>`count(*) filter (where ${declaration.abnormal})`, unmatched: sql<number>`count(*) filter (where ${declaration.residentId} is null)` })
    .from(declaration)
    .where(and(recordVisible(ctx.actor, DECLARATION_VISIBILITY), isNull(declaration.supersededBy), eq(declaration.day, day)));
  return { day, total: Number(row?.total ?? 0), abnormal: Number(row?.abnormal ?? 0), unmatched: Number(row?.unmatched ?? 0) };
}

/** One declaration for a stated purpose: out of scope is not found (before anything else), no purpose is refused; audited with the purpose. */
export async function readDeclaration(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, purpose: string | undefined): Promise<DeclarationDetail> {
  const [row] = await kit.db.select().from(declaration).where(and(eq(declaration.id, id), recordVisible(ctx.actor, DECLARATION_VISIBILITY)));
  if (!row) throw notFound();
  if (!purpose) throw new AppError('DECLARATION_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'DECLARATION_PURPOSE_REQUIRED' }] });
  await writeAudit(kit.db, ctx, { action: 'declaration.read', objectType: 'declaration', objectId: row.id, ...(row.residentId ? { subject: row.residentId } : {}), regionCode: row.regionCode, details: { purpose } });
  const [summary] = await present(kit, [row]);
  const names = await accountNames(kit.db, [row.recordedBy]);
  return {
    ...summary!, formKey: row.formKey, formVersion: row.formVersion, answers: row.answers, alerts: row.alerts as RaisedAlert[], residentId: row.residentId, householdId: row.householdId,
    recordedByName: row.recordedBy ? (names.get(row.recordedBy) ?? null) : null, supersededBy: row.supersededBy,
  };
}

/** The resident's own declarations of the last 30 days, found with the document number and phone given (both must match); audited. */
export async function ownHistory(kit: Pick<Kit, 'db' | 'vault'>, ctx: RequestContext, input: { idNumber: string; phone: string }): Promise<DeclarationHistory> {
  const now = ctx.clock.now();
  const idNumber = input.idNumber.replace(/\s/g, '');
  const answers = /^\d{17}[\dXx]$/.test(idNumber) ? { id_type: '111', id_number: idNumber, phone: input.phone } : { id_type: '414', doc_number: idNumber, phone: input.phone };
  let doc, phone;
  try {
    doc = documentOf(kit, answers, now);
    phone = phoneOf(kit, answers);
  } catch {
    throw new AppError('DECLARATION_NOT_FOUND');
  }
  const found = await kit.db
    .select()
    .from(declaration)
    .where(and(eq(declaration.idNumberHash, doc.hash), eq(declaration.phoneHash, phone.hash), gte(declaration.day, localDate(now, 30))))
    .orderBy(desc(declaration.declaredAt))
    .limit(60);
  if (found.length === 0) throw new AppError('DECLARATION_NOT_FOUND');
  await writeAudit(kit.db, ctx, { action: 'declaration.history', objectType: 'declaration', objectId: found[0]!.id, regionCode: found[0]!.regionCode, details: { shown: found.length } });
  return { items: found.map((d) => ({ ...receiptOf(d, false), superseded: d.supersededBy !== null })) };
}

/**
 * A condition on a household id: the household has a current declaration (any member) since the
 * time, and none of its current declarations since then was flagged. For survey campaigns: a
 * household that declared is not visited unless flagged. One index probe a household
 * (declaration_household_idx).
 */
export function declaredUnflagged(householdId: SQL, since: Date | SQL): SQL {
  return sql`exists (select 1 from ${declaration} d where d.household_id = ${householdId} and d.superseded_by is null and d.declared_at >= ${since})
    and not exists (select 1 from ${declaration} d where d.household_id = ${householdId} and d.superseded_by is null and d.declared_at >= ${since} and d.abnormal)`;
}

/** Declarations by id (the scope kit and tests). */
export async function declarationsByIds(db: Db, ids: readonly string[]) {
  return ids.length ? db.select().from(declaration).where(inArray(declaration.id, [...ids])) : [];
}
