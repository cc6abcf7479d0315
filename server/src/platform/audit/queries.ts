/** The auditor's filtered, paged view of the audit log; reading it is itself audited. */
import { and, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { ALERT_AUDIT_ACTIONS, type AuditEntry } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { regionInScope } from '../scope.js';
import { auditLog } from './tables.js';
import { recordAudit } from './write-audit.js';

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'denied' | 'failure';
  alert?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, ctx: ActorContext, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const conditions: (SQL | undefined)[] = [
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    q.actor ? eq(auditLog.actorName, q.actor) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.alert === 'true' ? inArray(auditLog.action, [...ALERT_AUDIT_ACTIONS]) : undefined,
  ];
  // An auditor below the province sees only entries of their subtree.
  if (ctx.actor.regionPrefix.length > 2) conditions.push(regionInScope(ctx.actor, auditLog.regionCode));
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.$count(auditLog, where),
  ]);
  await recordAudit(db, ctx, { action: 'audit.read', objectType: 'audit_log', details: { ...q } });
  return {
    items: rows.map((r) => ({
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
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
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
