/** The auditor's filtered, paged view of the audit log and its export; reading it is itself audited. */
import { and, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { ALERT_AUDIT_ACTIONS, AUDIT_ACTIONS, type AuditEntry, type Locale } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { regionInScope } from '../scope.js';
import { auditLog } from './tables.js';
import { recordAudit } from './write-audit.js';
import { labelEntries } from './labels.js';
import type { Kit } from '../kit/kit.js';
import { csvLine, neutralise, UTF8_BOM } from '../csv.js';

type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  outcome?: 'success' | 'denied' | 'failure' | undefined;
  alert?: 'true' | 'false' | undefined;
  failed?: 'true' | 'false' | undefined;
}

export interface AuditQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

type Labelling = Pick<Kit, 'providers' | 'registry'>;

/** An export holds at most this many entries: narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 20_000;

/** The filters as SQL, within the auditor's scope: below the province only entries of their subtree. */
function auditWhere(ctx: ActorContext, q: AuditFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    q.actor ? or(eq(auditLog.actorName, q.actor), sql`${auditLog.details} ->> 'username' = ${q.actor}`) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.alert === 'true' ? inArray(auditLog.action, [...ALERT_AUDIT_ACTIONS]) : undefined,
    q.failed === 'true' ? inArray(auditLog.outcome, ['denied', 'failure']) : undefined,
  ];
  if (ctx.actor.regionPrefix.length > 2) conditions.push(regionInScope(ctx.actor, auditLog.regionCode));
  return and(...conditions);
}

async function presentEntries(db: Db, kit: Labelling, rows: AuditRow[]): Promise<AuditEntry[]> {
  const labels = await labelEntries(db, kit, rows);
  return rows.map((r, i) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    scope: r.scope,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    subject: r.subject,
    outcome: r.outcome as AuditEntry['outcome'],
    ip: r.ip,
    requestId: r.requestId,
    details: r.details,
    hash: r.hash,
    alert: ALERT_AUDIT_ACTIONS.includes(r.action),
    ...labels[i]!,
  }));
}

export async function listAudit(db: Db, kit: Labelling, ctx: ActorContext, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const where = auditWhere(ctx, q);
  const [rows, total] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.$count(auditLog, where),
  ]);
  await recordAudit(db, ctx, { action: 'audit.read', objectType: 'audit_log', details: { ...q } });
  return { items: await presentEntries(db, kit, rows), total, page: q.page, pageSize: q.pageSize };
}

const EXPORT_HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['编号', '时间', '操作人', '账号', '角色', '操作', '对象类型', '对象', '当事人', '结果', 'IP 地址', '请求编号', '哈希'],
  en: ['No.', 'Time', 'Actor', 'Username', 'Role', 'Action', 'Object type', 'Object', 'Subject', 'Outcome', 'IP address', 'Request ID', 'Hash'],
};
const OUTCOME_TEXT: Record<Locale, Record<string, string>> = {
  'zh-CN': { success: '成功', denied: '拒绝', failure: '失败' },
  en: { success: 'Success', denied: 'Refused', failure: 'Failed' },
};

/**
 * The filtered audit list as CSV (UTF-8 with BOM, so Excel reads the Chinese), labels instead of
 * ids, at most AUDIT_EXPORT_LIMIT entries, newest first. The export is itself audited.
 */
export async function exportAudit(db: Db, kit: Labelling, ctx: ActorContext, q: AuditFilters): Promise<{ csv: string; rows: number }> {
  const where = auditWhere(ctx, q);
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(AUDIT_EXPORT_LIMIT);
  const entries = await presentEntries(db, kit, rows);
  const locale = ctx.locale;
  const lines = [csvLine(EXPORT_HEADERS[locale])];
  for (const e of entries) {
    const spec = (AUDIT_ACTIONS as Record<string, { zh: string; en: string } | undefined>)[e.action];
    const action = spec ? (locale === 'en' ? spec.en : spec.zh) : e.action;
    lines.push(
      csvLine(
        [
          e.id, e.at, e.actorDisplayName ?? e.attemptedUsername, e.actorName ?? e.attemptedUsername, e.role, action, e.objectType,
          e.objectLabel ?? e.objectId, e.subjectLabel, OUTCOME_TEXT[locale][e.outcome] ?? e.outcome, e.ip, e.requestId, e.hash,
        ].map(neutralise),
      ),
    );
  }
  await recordAudit(db, ctx, { action: 'audit.export', objectType: 'audit_log', details: { ...q, rows: entries.length } });
  return { csv: UTF8_BOM + lines.join(''), rows: entries.length };
}

/** How many entries an account wrote of some actions since a time (limits counted from the log hold across processes). */
export async function countAuditEntries(db: Db, q: { actorId: string; actions: readonly string[]; since: Date }): Promise<number> {
  const [found] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, q.actorId), inArray(auditLog.action, [...q.actions]), gte(auditLog.at, q.since)));
  return Number(found?.n ?? 0);
}

/**
 * A weighted count of an account's entries since a time: one for each entry of `oneEach`, and
 * the integer at `details[key]` for each entry of an action in `weighted` (action -> key).
 */
export async function sumAuditUnits(
  db: Db,
  q: { actorId: string; since: Date; oneEach: readonly string[]; weighted: Readonly<Record<string, string>> },
): Promise<number> {
  const weightedActions = Object.keys(q.weighted);
  const weight = weightedActions.length
    ? sql`case ${sql.join(
        weightedActions.map((a) => sql`when ${auditLog.action} = ${a} then coalesce((${auditLog.details} ->> ${q.weighted[a]!})::int, 0)`),
        sql` `,
      )} else 1 end`
    : sql`1`;
  const [found] = await db
    .select({ n: sql<string>`coalesce(sum(${weight}), 0)` })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, q.actorId), inArray(auditLog.action, [...q.oneEach, ...weightedActions]), gte(auditLog.at, q.since)));
  return Number(found?.n ?? 0);
}
