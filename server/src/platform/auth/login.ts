/**
 * Sign-in: password (Argon2id), lockout after 5 failures in 15 minutes, a limit on failures per
 * address across accounts, TOTP for the admin roles (enrolled through a one-time code, see
 * enrolment.ts). Every refusal gives the same generic error, whether the password, the code or
 * both were wrong, so a right password without its code tells nothing; every outcome is audited.
 */
import { eq, sql } from 'drizzle-orm';
import { TOTP_ROLES, type Role } from '@gridgov/contracts';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../context.js';
import { recordAudit, writeAudit } from '../audit/write-audit.js';
import { appUser } from '../accounts/tables.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { createSession, actorFromUser, type SessionPolicy } from './sessions.js';
import { verifyTotp } from './totp.js';
import { assertSignInAllowed, type SignInLimit } from './sign-in-limit.js';

export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  userId: string;
}

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

export async function login(db: Db, ctx: RequestContext, policy: SessionPolicy, limit: SignInLimit, input: LoginInput): Promise<LoginResult> {
  await assertSignInAllowed(db, ctx, limit);
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
    // All three refusals answer like a wrong password, and count towards the lockout.
    if (!user.totpSecret) return recordFailure(db, ctx, user, input.username, 'not_enrolled');
    if (!input.totp) return recordFailure(db, ctx, user, input.username, 'totp_missing');
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
    return { token: created.token, userId: user.id };
  });
}

