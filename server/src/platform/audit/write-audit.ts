/**
 * Writes an audit entry in the caller's transaction: if it fails, the change fails with it.
 * Entries are hash-chained; the `audit_append` SQL function (migration 0004) takes an advisory
 * lock so writers follow one another and the chain has no forks.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import { describeScope } from '../scope.js';

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

/** The entry's canonical text: what the chain hashes after the previous hash. */
export function chainBody(f: ChainFields): string {
  return stableStringify([
    f.at.toISOString(), f.actorId, f.actorName, f.role, f.scope, f.action, f.objectType, f.objectId,
    f.subject, f.outcome, f.ip, f.requestId, f.regionCode, f.details ?? null,
  ]);
}

export function chainHash(prevHash: string, f: ChainFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(chainBody(f)).digest('hex');
}

function chainFields(ctx: RequestContext, input: AuditInput): ChainFields {
  const actor = ctx.actor;
  return {
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
}

/** The parameters of `audit_append` (migration 0004), as `name type`, in order. */
export const AUDIT_APPEND_PARAMS = [
  'at timestamptz', 'actor_id text', 'actor_name text', 'role text', 'scope text', 'action text', 'object_type text', 'object_id text',
  'subject text', 'outcome text', 'ip text', 'request_id text', 'region_code text', 'details jsonb', 'body text',
] as const;

/**
 * The 15 arguments of the `audit_append` SQL function (migration 0004), in order: it takes the
 * chain's lock, reads the head and inserts the entry with its hash in one round trip.
 */
export function auditAppendArgs(ctx: RequestContext, input: AuditInput): unknown[] {
  assertDeclared(input.action);
  const f = chainFields(ctx, input);
  return [
    f.at.toISOString(), f.actorId, f.actorName, f.role, f.scope, f.action, f.objectType, f.objectId, f.subject, f.outcome,
    f.ip, f.requestId, f.regionCode, f.details === null ? null : JSON.stringify(f.details), chainBody(f),
  ];
}

/** The audit actions the domains declare (contracts); writing another one is a bug, not an entry. */
const declared = new Set<string>();

export function declareAuditActions(actions: readonly string[]): void {
  for (const a of actions) declared.add(a);
}

function assertDeclared(action: string): void {
  if (declared.size > 0 && !declared.has(action)) throw new Error(`Audit action ${action} is not declared by any domain (contracts/src/*/audit.ts)`);
}

export async function writeAudit(tx: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
  assertDeclared(input.action);
  const args = auditAppendArgs(ctx, input);
  await tx.execute(sql`select audit_append(${sql.join(args.map((a, i) => sql`${a}::${sql.raw(AUDIT_APPEND_PARAMS[i]!.split(' ')[1]!)}`), sql`, `)})`);
}

/** Audits something that is not part of a change (a denied attempt, a sensitive read). */
export async function recordAudit(db: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
  await db.transaction((tx) => writeAudit(tx, ctx, input));
}
