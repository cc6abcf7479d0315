/**
 * A limit on failed sign-ins per client address, across accounts: the per-account lockout stops
 * guessing one account's password, this stops trying one password on many accounts (password
 * spraying). Counted from the audit log, which records every failed sign-in and enrolment with
 * its address, so the limit holds across processes; the partial index
 * `audit_log_failed_sign_in_idx` keeps the count cheap.
 */
import { and, count, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { auditLog } from '../audit/tables.js';

/** The audit actions of sign-in attempts whose failures count. */
export const SIGN_IN_ACTIONS = ['auth.login', 'auth.lockout', 'auth.enrolment'] as const;

export interface SignInLimit {
  /** Failed attempts one address may make in the window; 0 turns the limit off. */
  failures: number;
  windowMinutes: number;
}

/** Refuses (429) an attempt from an address that failed too often lately; the attempt is not audited. */
export async function assertSignInAllowed(db: Db, ctx: RequestContext, limit: SignInLimit): Promise<void> {
  if (!ctx.ip || limit.failures <= 0) return;
  const since = new Date(ctx.clock.now().getTime() - limit.windowMinutes * 60_000);
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.ip, ctx.ip), gte(auditLog.at, since), ne(auditLog.outcome, 'success'), inArray(auditLog.action, [...SIGN_IN_ACTIONS])));
  if (Number(row?.n ?? 0) >= limit.failures) throw new AppError('AUTH_SIGN_IN_RATE_LIMITED', { retryAfterSeconds: limit.windowMinutes * 60 });
}
