/**
 * Reads of warnings: the scoped list, one warning with its evidence and timeline (a sensitive
 * read, audited), the subjects' describer for notifications, and the open warnings per grid (map).
 * Evidence is shown through the owning modules' describers (kit `subjects`), which answer only
 * for records the reader may read; the others are counted ("1 record you cannot open").
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { RiskWarning, RiskWarningDetail, WarningLevel, WarningSeverity, WarningStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import type { Registry } from '../../platform/kit/kit.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { recordVisible, underRegion } from '../../platform/scope.js';
import { regionNames } from '../regions/queries.js';
import { gridNames } from '../grids/queries.js';
import { departmentNames } from '../departments/queries.js';
import { warning, warningEvent } from './tables.js';
import { ruleNames } from './rules.js';
import { loadWarning, WARNING_VISIBILITY, warningActions, type WarningRow } from './workflow.js';

type Facts = RiskWarning['facts'];

interface Evidence {
  records?: { type: string; id: string }[];
  facts?: Record<string, unknown>;
}

function factsOf(e: unknown): Facts {
  const facts = (e as Evidence | null)?.facts ?? {};
  return Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v === null ? v : JSON.stringify(v)]));
}

async function present(db: Db, actor: Actor, list: WarningRow[], now: Date): Promise<RiskWarning[]> {
  const [rules, regions, grids, users, departments] = await Promise.all([
    ruleNames(db, list.map((w) => w.ruleId)),
    regionNames(db, list.map((w) => w.regionCode)),
    gridNames(db, list.flatMap((w) => (w.hitGridId ? [w.hitGridId] : []))),
    accountNames(db, list.map((w) => w.assigneeUserId)),
    departmentNames(db, list.flatMap((w) => (w.assigneeDepartmentId ? [w.assigneeDepartmentId] : []))),
  ]);
  return list.map((w) => ({
    id: w.id,
    ruleId: w.ruleId,
    ruleName: rules.get(w.ruleId) ?? w.kind,
    kind: w.kind,
    severity: w.severity as WarningSeverity,
    level: w.level as WarningLevel,
    status: w.status as WarningStatus,
    regionCode: w.regionCode,
    regionName: regions.get(w.regionCode) ?? '',
    gridId: w.hitGridId,
    gridName: w.hitGridId ? (grids.get(w.hitGridId) ?? null) : null,
    subjectType: w.subjectType,
    facts: factsOf(w.evidence),
    assigneeUserName: w.assigneeUserId ? (users.get(w.assigneeUserId) ?? null) : null,
    assigneeDepartmentName: w.assigneeDepartmentId ? (departments.get(w.assigneeDepartmentId) ?? null) : null,
    note: w.note,
    falsePositiveReason: w.falsePositiveReason,
    raisedAt: w.raisedAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    version: w.version,
    actions: warningActions(actor, w, now),
  }));
}

export interface WarningListQuery {
  status?: WarningStatus | 'open';
  severity?: WarningSeverity;
  ruleId?: string;
  region?: string;
  page: number;
  pageSize: number;
}

const OPEN_SQL = sql`('raised', 'acknowledged', 'assigned', 'handled')`;

export async function listWarnings(db: Db, actor: Actor, q: WarningListQuery, now: Date) {
  const where = and(
    recordVisible(actor, WARNING_VISIBILITY),
    q.status === 'open' ? sql`${warning.status} in ${OPEN_SQL}` : q.status ? eq(warning.status, q.status) : undefined,
    q.severity ? eq(warning.severity, q.severity) : undefined,
    q.ruleId ? eq(warning.ruleId, q.ruleId) : undefined,
    q.region ? underRegion(warning.regionCode, q.region) : undefined,
  );
  const [list, [total]] = await Promise.all([
    db.select().from(warning).where(where).orderBy(desc(warning.raisedAt), asc(warning.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(warning).where(where),
  ]);
  return { items: await present(db, actor, list, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getWarning(db: Db, actor: Actor, id: string, now: Date): Promise<RiskWarning> {
  return (await present(db, actor, [await loadWarning(db, actor, id)], now))[0]!;
}

/** One warning with its evidence and timeline: a sensitive read, on record. */
export async function readWarning(db: Db, registry: Pick<Registry, 'subjects'>, ctx: ActorContext, id: string): Promise<RiskWarningDetail> {
  const row = await loadWarning(db, ctx.actor, id);
  const now = ctx.clock.now();
  const [base] = await present(db, ctx.actor, [row], now);
  const records = ((row.evidence as Evidence | null)?.records ?? []).filter((r) => typeof r?.type === 'string' && typeof r?.id === 'string');
  const evidence: RiskWarningDetail['evidence'] = [];
  let hidden = 0;
  for (const type of [...new Set(records.map((r) => r.type))]) {
    const ids = records.filter((r) => r.type === type).map((r) => r.id);
    const describe = registry.subjects.get(type);
    const seen = describe ? await describe(db, ctx.actor, ids) : new Map<string, NoticeAbout>();
    for (const rid of ids) {
      const about = seen.get(rid);
      if (about) evidence.push({ type, id: rid, label: about.what, where: about.where });
      else hidden++;
    }
  }
  const steps = await db.select().from(warningEvent).where(eq(warningEvent.warningId, id)).orderBy(asc(warningEvent.at), asc(warningEvent.id));
  const names = await accountNames(db, steps.map((s) => s.actorId));
  await db.transaction((tx) => writeAudit(tx, ctx, { action: 'warning.read', objectType: 'warning', objectId: id, regionCode: row.regionCode, details: { evidence: evidence.length, hidden } }));
  return {
    ...base!,
    evidence,
    hiddenEvidence: hidden,
    timeline: steps.map((s) => ({ action: s.action, status: s.status, by: s.actorId ? (names.get(s.actorId) ?? null) : null, note: s.note, at: s.at.toISOString() })),
  };
}

/** What a notification about warnings shows a reader who may read them: the rule and severity. */
export async function describeWarnings(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map();
  const list = await db.select().from(warning).where(and(inArray(warning.id, wanted), recordVisible(reader, WARNING_VISIBILITY)));
  const [rules, regions] = await Promise.all([ruleNames(db, list.map((w) => w.ruleId)), regionNames(db, list.map((w) => w.regionCode))]);
  return new Map(list.map((w) => [w.id, { what: rules.get(w.ruleId) ?? w.kind, where: regions.get(w.regionCode) ?? null, urgent: w.severity === 'high', dueAt: null }]));
}

/** Open warnings per grid of the hit (map layer), within the reader's scope. */
export async function openWarningsByGrid(db: Db, actor: Actor, region?: string): Promise<{ gridId: string; gridName: string; open: number; high: number }[]> {
  const filter: SQL | undefined = region ? underRegion(warning.regionCode, region) : undefined;
  const found = await db
    .select({ gridId: warning.hitGridId, open: count(), high: sql<number>`(count(*) filter (where ${warning.severity} = 'high'))::int` })
    .from(warning)
    .where(and(recordVisible(actor, WARNING_VISIBILITY), sql`${warning.status} in ${OPEN_SQL}`, sql`${warning.hitGridId} is not null`, filter))
    .groupBy(warning.hitGridId);
  const names = await gridNames(db, found.map((f) => f.gridId!));
  return found.map((f) => ({ gridId: f.gridId!, gridName: names.get(f.gridId!) ?? '', open: Number(f.open), high: Number(f.high) }));
}


