/** A security admin unlocks a locked account, or sets a new password it must change at sign-in. */
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { findAccount, updateAccount } from '../../platform/accounts/accounts.js';
import { hashPassword } from '../../platform/auth/password.js';
import { assertStrongPassword } from '../../platform/auth/change-password.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';

export async function unlockUser(db: Db, ctx: ActorContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findAccount(tx, ctx.actor, id, true);
    await updateAccount(tx, id, { lockedUntil: null, failedCount: 0, firstFailedAt: null, updatedAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'user.unlock', objectType: 'user', objectId: id, regionCode: user.scopeRegionCode });
  });
}

export async function resetPassword(db: Db, ctx: ActorContext, id: string, password: string): Promise<void> {
  if (id === ctx.actor.id) throw new AppError('USER_SELF_CHANGE');
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const user = await findAccount(tx, ctx.actor, id, true);
    assertStrongPassword(password, user.username);
    await updateAccount(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: now, lockedUntil: null, failedCount: 0, firstFailedAt: null, updatedAt: now });
    await revokeUserSessions(tx, id, now, 'password_reset');
    await writeAudit(tx, ctx, { action: 'user.password_reset', objectType: 'user', objectId: id, regionCode: user.scopeRegionCode });
  });
}
