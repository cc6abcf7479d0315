/**
 * Enrolment of the three admin roles (三权分立 must survive account administration): an admin
 * account, when created or reset by another admin, has no password anyone knows and no
 * authenticator. A one-time code is issued in the same transaction and delivered out of band,
 * on the operator console after commit, never in the HTTP answer to its creator. Its holder
 * opens `#/enrol`, sees the authenticator secret, and sets their own password and TOTP in one
 * step. The creator never holds a working credential; every issue and every use is audited and
 * flagged for the auditor.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { ADMIN_ROLES, type EnrolmentInfo, type Role } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import type { OperatorConsole } from '../kit/kit.js';
import { AppError } from '../errors.js';
import { recordAudit, writeAudit } from '../audit/write-audit.js';
import { appUser } from '../accounts/tables.js';
import { accountEnrolment } from '../accounts/tables.js';
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { hashPassword } from './password.js';
import { assertStrongPassword } from './change-password.js';
import { actorFromUser, createSession, hashToken, revokeUserSessions, type SessionPolicy } from './sessions.js';

/** How long an enrolment code stays valid. */
export const ENROLMENT_HOURS = 72;

export function isAdminRole(role: string): boolean {
  return ADMIN_ROLES.includes(role as Role);
}

/** A password hash nobody can match: a random secret, hashed like any password, then forgotten. */
export async function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'));
}

/** 120 random bits as 24 base32 characters; shown in groups of four. */
function newCode(): string {
  return base32Encode(randomBytes(15));
}

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

export interface IssuedEnrolment {
  code: string;
  expiresAt: Date;
}

/**
 * Issues a code for an account, inside the transaction that creates or resets it; replaces any
 * earlier code. Deliver it with `announceEnrolment` after the transaction commits.
 */
export async function issueEnrolment(tx: Db, accountId: string, issuedBy: string | null, now: Date): Promise<IssuedEnrolment> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_HOURS * 3_600_000);
  await tx.delete(accountEnrolment).where(eq(accountEnrolment.userId, accountId));
  await tx.insert(accountEnrolment).values({ id: hashToken(code), userId: accountId, totpSecret: newTotpSecret(), issuedBy, issuedAt: now, expiresAt });
  return { code, expiresAt };
}

/** Until when each account's pending enrolment is valid (for the account list). */
export async function pendingEnrolments(db: Db, accountIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.select({ userId: accountEnrolment.userId, expiresAt: accountEnrolment.expiresAt }).from(accountEnrolment).where(gt(accountEnrolment.expiresAt, now));
  const wanted = new Set(accountIds);
  return new Map(rows.filter((r) => wanted.has(r.userId)).map((r) => [r.userId, r.expiresAt]));
}

/** The operator console's notice: the code and what to do with it. Nothing of it reaches an HTTP answer. */
export function announceEnrolment(
  operatorConsole: OperatorConsole,
  notice: { username: string; role: string; issuedBy: string | null; reason: 'created' | 'reset'; enrolment: IssuedEnrolment },
): void {
  const by = notice.issuedBy ? `by ${notice.issuedBy}` : 'from the command line';
  operatorConsole.write(
    [
      '',
      `== GridGov enrolment code (${notice.reason === 'created' ? 'new' : 'reset'} ${notice.role} account "${notice.username}", ${by}) ==`,
      `   code:        ${formatCode(notice.enrolment.code)}`,
      `   valid until: ${notice.enrolment.expiresAt.toISOString()}`,
      `   Give it to the account's holder in person (not to whoever asked for it). They open`,
      `   <console address>/#/enrol, enter it, bind an authenticator and choose their password.`,
      '',
    ].join('\n') + '\n',
  );
}

type UserRow = typeof appUser.$inferSelect;

async function liveEnrolment(db: Db, code: string, now: Date): Promise<{ enrolment: typeof accountEnrolment.$inferSelect; user: UserRow } | null> {
  const [row] = await db
    .select({ enrolment: accountEnrolment, user: appUser })
    .from(accountEnrolment)
    .innerJoin(appUser, eq(appUser.id, accountEnrolment.userId))
    .where(and(eq(accountEnrolment.id, hashToken(code)), gt(accountEnrolment.expiresAt, now)))
    .limit(1);
  return row && !row.user.disabled ? row : null;
}

async function refuse(db: Db, ctx: RequestContext, reason: 'unknown_code' | 'bad_totp', user?: UserRow): Promise<never> {
  await recordAudit(db, ctx, {
    action: 'auth.enrolment',
    objectType: 'user',
    objectId: user?.id,
    outcome: 'failure',
    regionCode: user?.scopeRegionCode,
    details: { reason, ...(user ? { username: user.username } : {}) },
  });
  // A wrong authenticator code is the holder's typo, not a dead enrolment code.
  throw new AppError(reason === 'bad_totp' ? 'AUTH_INVALID_CREDENTIALS' : 'AUTH_ENROLMENT_INVALID');
}

/** What the code's holder needs to bind an authenticator; the code stays valid until completed. */
export async function inspectEnrolment(db: Db, ctx: RequestContext, code: string): Promise<EnrolmentInfo> {
  const row = await liveEnrolment(db, code, ctx.clock.now());
  if (!row) return refuse(db, ctx, 'unknown_code');
  return {
    username: row.user.username,
    displayName: row.user.displayName,
    role: row.user.role as Role,
    expiresAt: row.enrolment.expiresAt.toISOString(),
    totpSecret: row.enrolment.totpSecret,
    otpauthUri: otpauthUri(row.enrolment.totpSecret, row.user.username),
  };
}

/**
 * The holder sets their password and proves the authenticator with a current code: the account
 * takes both, the code is spent, any session of the account ends, and a new one starts.
 */
export async function completeEnrolment(
  db: Db,
  ctx: RequestContext,
  policy: SessionPolicy,
  input: { code: string; newPassword: string; totp: string; userAgent: string | null },
): Promise<{ token: string; userId: string }> {
  const now = ctx.clock.now();
  const row = await liveEnrolment(db, input.code, now);
  if (!row) return refuse(db, ctx, 'unknown_code');
  assertStrongPassword(input.newPassword, row.user.username);
  const step = verifyTotp(row.enrolment.totpSecret, input.totp, now, null);
  if (step === null) return refuse(db, ctx, 'bad_totp', row.user);
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    // Spent once: a second completion with the same code finds nothing to delete.
    const spent = await tx.delete(accountEnrolment).where(eq(accountEnrolment.id, row.enrolment.id)).returning({ id: accountEnrolment.id });
    if (spent.length === 0) throw new AppError('AUTH_ENROLMENT_INVALID');
    await tx
      .update(appUser)
      .set({
        passwordHash, totpSecret: row.enrolment.totpSecret, totpLastStep: step, mustChangePassword: false, passwordChangedAt: now,
        failedCount: 0, firstFailedAt: null, lockedUntil: null, updatedAt: now,
      })
      .where(eq(appUser.id, row.user.id));
    await revokeUserSessions(tx, row.user.id, now, 'enrolled');
    const created = await createSession(tx, row.user.id, now, policy, { ip: ctx.ip, userAgent: input.userAgent });
    await writeAudit(tx, { ...ctx, actor: actorFromUser(row.user, created.id) }, {
      action: 'auth.enrolment',
      objectType: 'user',
      objectId: row.user.id,
      regionCode: row.user.scopeRegionCode,
      details: { issuedBy: row.enrolment.issuedBy, issuedAt: row.enrolment.issuedAt.toISOString() },
    });
    return { token: created.token, userId: row.user.id };
  });
}
