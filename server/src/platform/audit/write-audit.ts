/**
 * Writes an audit entry in the caller's transaction: if it fails, the change fails with it.
 * Entries are hash-chained; an advisory lock orders writers so the chain has no forks.
 */
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import { describeScope } from '../scope.js';
import { auditLog } from './tables.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditInput {
  /** Dotted verb, e.g. `grid.create`, `auth.login`, `user.read`. */
  action: string;
  objectType?: string;
  objectId?: string;
  /** The person the data is about (data subject), when there is one. */
  subject?: string;
  outcome?: AuditOutcome;
  regionCode?: string;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 7_301_002;

/** JSON with sorted keys, so jsonb's key reordering does not change the hash. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export interface ChainFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  scope: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  subject: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  regionCode: string | null;
  details: unknown;
}

export function chainHash(prevHash: string, f: ChainFields): string {
  const body = stableStringify([
    f.at.toISOString(), f.actorId, f.actorName, f.role, f.scope, f.action, f.objectType, f.objectId,
    f.subject, f.outcome, f.ip, f.requestId, f.regionCode, f.details ?? null,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export async function writeAudit(tx: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
  const actor = ctx.actor;
  const fields: ChainFields = {
    at: ctx.clock.now(),
    actorId: actor?.id ?? null,
    actorName: actor?.username ?? null,
    role: actor?.role ?? null,
    scope: actor ? describeScope(actor) : null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    subject: input.subject ?? null,
    outcome: input.outcome ?? 'success',
    ip: ctx.ip,
    requestId: ctx.requestId,
    regionCode: input.regionCode ?? null,
    details: input.details ?? null,
  };
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: chainHash(prevHash, fields) });
}

/** Audits something that is not part of a change (a denied attempt, a sensitive read). */
export async function recordAudit(db: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
  await db.transaction((tx) => writeAudit(tx, ctx, input));
}
