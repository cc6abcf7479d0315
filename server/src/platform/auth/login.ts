/**
 * Sign-in: password (Argon2id), lockout after 5 failures in 15 minutes, TOTP for the admin
 * roles (with enrolment on first sign-in). Every outcome gives the same generic error and is
 * audited.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { TOTP_ROLES, type Role } from '@gridgov/contracts';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import { recordAudit, writeAudit } from '../audit/write-audit.js';
import { appUser, totpEnrollment } from '../accounts/tables.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { createSession, actorFromUser, hashToken, newToken, type SessionPolicy } from './sessions.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15 } as const;
const ENROLLMENT_MINUTES = 10;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  userAgent: string | null;
}

export type LoginResult =
  | { status: 'ok'; token: string; userId: string }
  | { status: 'totp_enrollment_required'; enrollmentToken: string; secret: string; otpauthUri: string };

type UserRow = typeof appUser.$inferSelect;

async function recordFailure(db: Db, ctx: RequestContext, user: UserRow | null, username: string, reason: string): Promise<never> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    let locked = false;
    if (user) {
      const windowStart = now.getTime() - LOCKOUT.windowMinutes * 60_000;
      const inWindow = user.firstFailedAt !== null && user.firstFailedAt.getTime() > windowStart;
      const failedCount = inWindow ? user.failedCount + 1 : 1;
      locked = failedCount >= LOCKOUT.failures;
      await tx
        .update(appUser)
        .set(
          locked
            ? { failedCount: 0, firstFailedAt: null, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) }
            : { failedCount, firstFailedAt: inWindow ? user.firstFailedAt : now },
        )
        .where(eq(appUser.id, user.id));
    }
    await writeAudit(tx, ctx, {
      action: locked ? 'auth.lockout' : 'auth.login',
      objectType: 'user',
      objectId: user?.id,
      outcome: 'failure',
      regionCode: user?.scopeRegionCode,
      details: { username: username.slice(0, 64), reason },
    });
  });
  throw new AppError('AUTH_INVALID_CREDENTIALS');
}

export async function login(db: Db, ctx: RequestContext, policy: SessionPolicy, input: LoginInput): Promise<LoginResult> {
  const now = ctx.clock.now();
  const [user] = await db
    .select()
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, input.username.toLowerCase()))
    .limit(1);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return recordFailure(db, ctx, null, input.username, 'unknown_user');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await recordAudit(db, ctx, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      outcome: 'denied',
      regionCode: user.scopeRegionCode,
      details: { username: user.username, reason: 'locked' },
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return recordFailure(db, ctx, user, input.username, 'bad_password');
  if (user.disabled) return recordFailure(db, ctx, user, input.username, 'disabled');

  let totpStep: number | null = null;
  if (TOTP_ROLES.includes(user.role as Role)) {
    if (!user.totpSecret) return startEnrollment(db, ctx, user);
    if (!input.totp) throw new AppError('AUTH_TOTP_REQUIRED');
    totpStep = verifyTotp(user.totpSecret, input.totp, now, user.totpLastStep);
    if (totpStep === null) return recordFailure(db, ctx, user, input.username, 'bad_totp');
  }
  return finishLogin(db, ctx, policy, user, input.userAgent, totpStep === null ? {} : { totpLastStep: totpStep });
}

async function finishLogin(
  db: Db,
  ctx: RequestContext,
  policy: SessionPolicy,
  user: UserRow,
  userAgent: string | null,
  extra: Partial<UserRow>,
): Promise<LoginResult> {
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ failedCount: 0, firstFailedAt: null, lockedUntil: null, ...extra })
      .where(eq(appUser.id, user.id));
    const created = await createSession(tx, user.id, now, policy, { ip: ctx.ip, userAgent });
    await writeAudit(tx, { ...ctx, actor: actorFromUser(user, created.id) }, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      regionCode: user.scopeRegionCode,
    });
    return { status: 'ok' as const, token: created.token, userId: user.id };
  });
}

async function startEnrollment(db: Db, ctx: RequestContext, user: UserRow): Promise<LoginResult> {
  const token = newToken();
  const secret = newTotpSecret();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.delete(totpEnrollment).where(eq(totpEnrollment.userId, user.id));
    await tx.insert(totpEnrollment).values({
      id: hashToken(token),
      userId: user.id,
      secret,
      expiresAt: new Date(now.getTime() + ENROLLMENT_MINUTES * 60_000),
    });
    await writeAudit(tx, ctx, { action: 'auth.totp_enrollment_start', objectType: 'user', objectId: user.id, regionCode: user.scopeRegionCode });
  });
  return { status: 'totp_enrollment_required', enrollmentToken: token, secret, otpauthUri: otpauthUri(secret, user.username) };
}

export async function completeTotpEnrollment(
  db: Db,
  ctx: RequestContext,
  policy: SessionPolicy,
  input: { enrollmentToken: string; totp: string; userAgent: string | null },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const [row] = await db
    .select({ enrollment: totpEnrollment, user: appUser })
    .from(totpEnrollment)
    .innerJoin(appUser, eq(appUser.id, totpEnrollment.userId))
    .where(and(eq(totpEnrollment.id, hashToken(input.enrollmentToken)), gt(totpEnrollment.expiresAt, now)))
    .limit(1);
  if (!row) throw new AppError('AUTH_TOTP_ENROLLMENT_INVALID');
  const step = verifyTotp(row.enrollment.secret, input.totp, now, null);
  if (step === null) return recordFailure(db, ctx, row.user, row.user.username, 'bad_totp_enrollment');
  await db.delete(totpEnrollment).where(eq(totpEnrollment.userId, row.user.id));
  await recordAudit(db, { ...ctx, actor: actorFromUser(row.user, null) }, {
    action: 'auth.totp_enrolled',
    objectType: 'user',
    objectId: row.user.id,
    regionCode: row.user.scopeRegionCode,
  });
  return finishLogin(db, ctx, policy, row.user, input.userAgent, { totpSecret: row.enrollment.secret, totpLastStep: step });
}

