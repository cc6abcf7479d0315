/**
 * Changes an account's name, role, scope, phone or status. Role, scope and status changes end
 * the account's sessions so the new permissions apply at once. Nobody changes their own role.
 */
import { ADMIN_ROLES, type Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { findAccount, updateAccount } from '../../platform/accounts/accounts.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { resolveScope } from './user-rules.js';

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  scopeRegionCode?: string;
  scopeGridId?: string | null;
  phone?: string | null;
  disabled?: boolean;
}

export async function updateUser(db: Db, ctx: ActorContext, id: string, input: UpdateUserInput): Promise<void> {
  const now = ctx.clock.now();
  const changesAccess = input.role !== undefined || input.scopeRegionCode !== undefined || input.scopeGridId !== undefined || input.disabled !== undefined;
  if (id === ctx.actor.id && changesAccess) throw new AppError('USER_SELF_CHANGE');
  await db.transaction(async (tx) => {
    const current = await findAccount(tx, ctx.actor, id, true);
    const role = input.role ?? (current.role as Role);
    // One person never passes from one of the three admin roles to another (三权分立).
    if (role !== current.role && ADMIN_ROLES.includes(role) && ADMIN_ROLES.includes(current.role as Role)) {
      throw new AppError('USER_ROLE_CONFLICT');
    }
    // Nor does an ordinary account become one: its password may be one its administrator set, so
    // an admin account is always new and enrolled by its holder (create-user.ts).
    if (role !== current.role && ADMIN_ROLES.includes(role)) throw new AppError('USER_ADMIN_ROLE_PROMOTION', { field: 'role' });
    const scope =
      input.role !== undefined || input.scopeRegionCode !== undefined || input.scopeGridId !== undefined
        ? await resolveScope(tx, ctx.actor, role, {
            scopeRegionCode: input.scopeRegionCode ?? current.scopeRegionCode,
            scopeGridId: input.scopeGridId === undefined ? current.scopeGridId : input.scopeGridId,
          })
        : {};
    const changes = {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.role !== undefined ? { role } : {}),
      ...scope,
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    };
    await updateAccount(tx, id, { ...changes, updatedAt: now });
    if (changesAccess) await revokeUserSessions(tx, id, now, 'access_changed');
    await writeAudit(tx, ctx, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      regionCode: current.scopeRegionCode,
      details: {
        before: { role: current.role, scopeRegionCode: current.scopeRegionCode, scopeGridId: current.scopeGridId, disabled: current.disabled },
        after: { ...changes, phone: changes.phone === undefined ? undefined : 'changed' },
      },
    });
  });
}
