/**
 * A security admin unlocks a locked account, or resets its access. An ordinary account gets a
 * new password that it must change at sign-in. An admin account gets no password from anyone: its
 * password and authenticator are voided and a new enrolment code goes to the operator console
 * (platform/auth/enrolment.ts), flagged for the auditor.
 */
import type { Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { OperatorConsole } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { findAccount, updateAccount } from '../../platform/accounts/accounts.js';
import { hashPassword } from '../../platform/auth/password.js';
import { assertStrongPassword } from '../../platform/auth/change-password.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { announceEnrolment, isAdminRole, issueEnrolment, unusablePasswordHash } from '../../platform/auth/enrolment.js';

export async function unlockUser(db: Db, ctx: ActorContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findAccount(tx, ctx.actor, id, true);
    await updateAccount(tx, id, { lockedUntil: null, failedCount: 0, firstFailedAt: null, updatedAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'user.unlock', objectType: 'user', objectId: id, regionCode: user.scopeRegionCode });
  });
}

export async function resetPassword(db: Db, ctx: ActorContext, id: string, password: string | undefined, deps: { operatorConsole: OperatorConsole }): Promise<void> {
  if (id === ctx.actor.id) throw new AppError('USER_SELF_CHANGE');
  const now = ctx.clock.now();
  const passwordHash = password !== undefined ? await hashPassword(password) : await unusablePasswordHash();
  const reset = await db.transaction(async (tx) => {
    const user = await findAccount(tx, ctx.actor, id, true);
    const admin = isAdminRole(user.role as Role);
    if (admin && password !== undefined) throw new AppError('USER_ADMIN_PASSWORD_NOT_ALLOWED', { field: 'password' });
    if (!admin && password === undefined) throw new AppError('VALIDATION_FAILED', [{ path: 'body.password', message: 'required for this role', code: 'invalid_type' }]);
    if (password !== undefined) assertStrongPassword(password, user.username);
    await updateAccount(tx, id, {
      passwordHash,
      mustChangePassword: !admin,
      passwordChangedAt: now,
      lockedUntil: null,
      failedCount: 0,
      firstFailedAt: null,
      updatedAt: now,
      // The authenticator goes with the password: the holder binds a new one with the code.
      ...(admin ? { totpSecret: null, totpLastStep: null } : {}),
    });
    await revokeUserSessions(tx, id, now, 'password_reset');
    const enrolment = admin ? await issueEnrolment(tx, id, ctx.actor.id, now) : null;
    await writeAudit(tx, ctx, {
      action: admin ? 'user.admin_reset' : 'user.password_reset',
      objectType: 'user',
      objectId: id,
      regionCode: user.scopeRegionCode,
      details: { username: user.username, role: user.role, ...(enrolment ? { enrolmentExpiresAt: enrolment.expiresAt.toISOString() } : {}) },
    });
    return enrolment ? { enrolment, username: user.username, role: user.role } : null;
  });
  if (reset) announceEnrolment(deps.operatorConsole, { ...reset, issuedBy: ctx.actor.username, reason: 'reset' });
}
