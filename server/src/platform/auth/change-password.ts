/** A user changes their own password; every session of theirs ends with it. */
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import type { Actor, RequestContext } from '../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { appUser } from '../accounts/tables.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';
import { revokeUserSessions } from './sessions.js';

export function assertStrongPassword(password: string, username: string): void {
  const policy = checkPasswordPolicy(password, username);
  if (!policy.ok) throw new AppError('AUTH_PASSWORD_WEAK', { reasons: policy.reasons });
}

export async function changePassword(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await db.select().from(appUser).where(eq(appUser.id, ctx.actor.id));
  if (!user) throw new AppError('AUTH_REQUIRED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('AUTH_PASSWORD_WRONG');
  assertStrongPassword(input.newPassword, user.username);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(appUser.id, user.id));
    await revokeUserSessions(tx, user.id, now, 'password_changed');
    await writeAudit(tx, ctx, { action: 'auth.password_change', objectType: 'user', objectId: user.id, regionCode: user.scopeRegionCode });
  });
}
