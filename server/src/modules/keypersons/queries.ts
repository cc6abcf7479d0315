/**
 * Reads of archives. Lists are audited with their filters (and purpose, when given); opening one
 * archive needs a stated purpose and is audited with it; a minor's archive opens only with an
 * approval the reader holds. Lists show no form answers, and a minor's name masked.
 */
import { and, count, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { FormDefinition, KpDetail, KpSummary } from '@gridgov/contracts';
import { maskAnswers } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { gridNames } from '../grids/queries.js';
import { residentFacts } from '../registers/person-facts.js';
import { isMinor } from './schedule.js';
import { keyPerson, kpAccessRequest, kpRiskChange, kpVisit } from './tables.js';
import { KEY_PERSON_VISIBILITY, kpActions, loadKeyPerson, type KeyPersonRow } from './workflow.js';
import { canVisit } from './log-visit.js';

export interface KpListFilters {
  category?: string;
  risk?: string;
  gridId?: string;
  overdue?: 'true' | 'false';
  status?: 'active' | 'handover';
  mine?: 'true';
  purpose?: string;
  page: number;
  pageSize: number;
}

/** '张三丰' -> '张**': a minor's name in lists until an approval opens the archive. */
export const maskName = (name: string) => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;

/** The archives the actor holds an unexpired approval to open. */
export async function approvedFor(db: Db, actor: Actor, ids: readonly string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: kpAccessRequest.keyPersonId })
    .from(kpAccessRequest)
    .where(and(inArray(kpAccessRequest.keyPersonId, [...ids]), eq(kpAccessRequest.requestedBy, actor.id), eq(kpAccessRequest.status, 'approved'), gt(kpAccessRequest.expiresAt, now)));
  return new Set(found.map((f) => f.id));
}

/** Whether the reader may see which category a person is in (lists, archives, counts, filters). */
export const seesCategory = (actor: Actor) => (actor.permissions as readonly string[]).includes('keyperson:category');

async function summaries(db: Db, actor: Actor, rows: KeyPersonRow[], now: Date): Promise<KpSummary[]> {
  const today = localDate(now);
  const [people, grids, workers, approved] = await Promise.all([
    residentFacts(db, rows.map((r) => r.residentId)),
    gridNames(db, rows.map((r) => r.gridId)),
    accountNames(db, rows.map((r) => r.workerId)),
    approvedFor(db, actor, rows.filter((r) => isMinor(r.birthDate, today)).map((r) => r.id), now),
  ]);
  return rows.map((r) => {
    const person = people.get(r.residentId);
    const minor = isMinor(r.birthDate, today);
    const name = person?.name ?? '';
    return {
      id: r.id,
      residentId: r.residentId,
      name: minor && !approved.has(r.id) ? maskName(name) : name,
      idNumberMasked: person?.idMasked ?? '',
      categoryCode: seesCategory(actor) ? r.categoryCode : null,
      riskLevel: r.riskLevel as KpSummary['riskLevel'],
      managementLevel: r.managementLevel as KpSummary['managementLevel'],
      status: r.status as KpSummary['status'],
      regionCode: r.regionCode,
      gridId: r.gridId,
      gridName: grids.get(r.gridId) ?? '',
      workerName: r.workerId ? (workers.get(r.workerId) ?? null) : null,
      minor,
      nextVisitDue: r.nextVisitDue.toISOString(),
      lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
      overdue: r.nextVisitDue < now,
      version: r.version,
    };
  });
}

function listWhere(actor: Actor, q: KpListFilters, now: Date): SQL | undefined {
  return and(
    recordVisible(actor, KEY_PERSON_VISIBILITY),
    q.category ? eq(keyPerson.categoryCode, q.category) : undefined,
    q.risk ? eq(keyPerson.riskLevel, q.risk) : undefined,
    q.gridId ? sql`(${keyPerson.gridId} = ${q.gridId} or ${keyPerson.handoverGridId} = ${q.gridId})` : undefined,
    q.overdue === 'true' ? lt(keyPerson.nextVisitDue, now) : q.overdue === 'false' ? sql`${keyPerson.nextVisitDue} >= ${now}` : undefined,
    q.status ? eq(keyPerson.status, q.status) : undefined,
    q.mine ? sql`(${keyPerson.workerId} = ${actor.id} or (${keyPerson.workerId} is null and ${keyPerson.gridId} = ${actor.gridId ?? sql`null`}))` : undefined,
  );
}

export async function listKeyPersons(db: Db, ctx: ActorContext, q: KpListFilters) {
  // Filtering by category would tell the category of every person listed.
  if (q.category && !seesCategory(ctx.actor)) throw new AppError('FORBIDDEN', { action: 'category' });
  const now = ctx.clock.now();
  const where = listWhere(ctx.actor, q, now);
  const [rows, [total]] = await Promise.all([
    db.select().from(keyPerson).where(where).orderBy(keyPerson.nextVisitDue, keyPerson.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(keyPerson).where(where),
  ]);
  const { page, pageSize, purpose, ...filters } = q;
  await writeAudit(db, ctx, { action: 'key_person.list', objectType: 'key_person', details: { filters, purpose: purpose ?? null, page, shown: rows.length, total: Number(total?.n ?? 0) } });
  return { items: await summaries(db, ctx.actor, rows, now), total: Number(total?.n ?? 0), page, pageSize };
}

/**
 * One archive, for a stated purpose: out of scope is not found (before anything else), no
 * purpose is refused, a minor's archive needs the reader's unexpired approval. Audited.
 */
export async function readKeyPerson(db: Db, ctx: ActorContext, id: string, purpose: string | undefined): Promise<KpDetail> {
  const row = await loadKeyPerson(db, ctx.actor, id);
  if (!purpose) throw new AppError('KEYPERSON_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'KEYPERSON_PURPOSE_REQUIRED' }] });
  const now = ctx.clock.now();
  if (isMinor(row.birthDate, localDate(now)) && !(await approvedFor(db, ctx.actor, [row.id], now)).has(row.id)) {
    await writeAudit(db, ctx, { action: 'key_person.read', objectType: 'key_person', objectId: row.id, subject: row.residentId, outcome: 'denied', regionCode: row.regionCode, details: { purpose, reason: 'minor' } });
    throw new AppError('KEYPERSON_MINOR_APPROVAL_REQUIRED');
  }
  await writeAudit(db, ctx, { action: 'key_person.read', objectType: 'key_person', objectId: row.id, subject: row.residentId, regionCode: row.regionCode, details: { purpose } });
  return presentDetail(db, ctx.actor, row, now);
}

export async function presentDetail(db: Db, actor: Actor, row: KeyPersonRow, now: Date): Promise<KpDetail> {
  const [summary] = await summaries(db, actor, [row], now);
  const [history, visits, form] = await Promise.all([
    db.select().from(kpRiskChange).where(eq(kpRiskChange.keyPersonId, row.id)).orderBy(desc(kpRiskChange.changedAt)),
    db.select().from(kpVisit).where(eq(kpVisit.keyPersonId, row.id)).orderBy(desc(kpVisit.visitedOn), desc(kpVisit.createdAt)).limit(100),
    publishedForm(db, row.formKey, row.formVersion).catch(() => null),
  ]);
  const names = await accountNames(db, [...history.map((h) => h.changedBy), ...visits.map((v) => v.visitedBy)]);
  const visitForms = await visitDefinitions(db, visits);
  const category = seesCategory(actor);
  const grids = row.handoverGridId ? await gridNames(db, [row.handoverGridId]) : new Map<string, string>();
  return {
    ...summary!,
    formKey: category ? row.formKey : '',
    formVersion: category ? row.formVersion : 0,
    answers: category && form ? maskAnswers(form.definition, row.answers as Record<string, unknown>) : {},
    helpers: row.helpers as KpDetail['helpers'],
    visitIntervalDays: row.visitIntervalDays,
    handover: row.status === 'handover' && row.handoverGridId ? { toGridId: row.handoverGridId, toGridName: grids.get(row.handoverGridId) ?? '', reason: row.handoverReason ?? '' } : null,
    riskHistory: history.map((h) => ({ field: h.field as 'risk' | 'management', from: h.fromLevel, to: h.toLevel, reason: h.reason, byName: h.changedBy ? (names.get(h.changedBy) ?? null) : null, at: h.changedAt.toISOString() })),
    visits: visits.map((v) => {
      const definition = v.formKey ? visitForms.get(`${v.formKey}@${v.formVersion}`) : undefined;
      const answers = (v.answers ?? {}) as Record<string, unknown>;
      return {
        id: v.id, visitedOn: v.visitedOn, way: v.way as KpDetail['visits'][number]['way'], findings: v.findings, lon: v.lon, lat: v.lat, photoIds: v.photoIds,
        formKey: v.formKey, formVersion: v.formVersion, answers: definition ? maskAnswers(definition, answers) : {}, byName: names.get(v.visitedBy) ?? null, at: v.createdAt.toISOString(),
      };
    }),
    actions: kpActions(actor, row, now),
    canVisit: canVisit(actor, row),
  };
}

/** The visit forms the visits answered, by `key@version` (to mask their answers as their definition says). */
async function visitDefinitions(db: Db, visits: readonly { formKey: string | null; formVersion: number | null }[]): Promise<Map<string, FormDefinition>> {
  const wanted = new Map<string, { key: string; version: number }>();
  for (const v of visits) if (v.formKey && v.formVersion) wanted.set(`${v.formKey}@${v.formVersion}`, { key: v.formKey, version: v.formVersion });
  const found = await Promise.all([...wanted].map(async ([name, { key, version }]) => [name, await publishedForm(db, key, version).then((f) => f.definition, () => null)] as const));
  return new Map(found.flatMap(([name, def]) => (def ? [[name, def] as const] : [])));
}

/**
 * Counts by category and risk (the categories only for `keyperson:category`), overdue visits, and
 * per-grid counts (never points) in scope.
 */
export async function keyPersonStats(db: Db, actor: Actor, now: Date) {
  const visible = recordVisible(actor, KEY_PERSON_VISIBILITY);
  const [byCategory, grids] = await Promise.all([
    seesCategory(actor) ? db.select({ categoryCode: keyPerson.categoryCode, riskLevel: keyPerson.riskLevel, count: sql<number>`count(*)::int` }).from(keyPerson).where(visible).groupBy(keyPerson.categoryCode, keyPerson.riskLevel) : Promise.resolve([]),
    db
      .select({ gridId: keyPerson.gridId, total: sql<number>`count(*)::int`, high: sql<number>`(count(*) filter (where ${keyPerson.riskLevel} = 'high'))::int`, overdue: sql<number>`(count(*) filter (where ${keyPerson.nextVisitDue} < ${now}))::int` })
      .from(keyPerson)
      .where(visible)
      .groupBy(keyPerson.gridId),
  ]);
  const names = await gridNames(db, grids.map((g) => g.gridId));
  return {
    byCategory: byCategory.map((b) => ({ ...b, riskLevel: b.riskLevel as 'high' | 'medium' | 'low' })),
    overdue: grids.reduce((n, g) => n + g.overdue, 0),
    grids: grids.map((g) => ({ ...g, gridName: names.get(g.gridId) ?? '' })),
  };
}
