/** Creates an account with one role and a scope; the first sign-in must change the password. */
import { randomUUID } from 'node:crypto';
import type { Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { insertAccounts, usernameTaken } from '../../platform/accounts/accounts.js';
import { hashPassword } from '../../platform/auth/password.js';
import { assertStrongPassword } from '../../platform/auth/change-password.js';
import { resolveScope } from './user-rules.js';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionCode?: string;
  scopeGridId?: string;
  phone?: string;
  password: string;
}

export async function createUser(db: Db, ctx: ActorContext, input: CreateUserInput): Promise<string> {
  assertStrongPassword(input.password, input.username);
  const scope = await resolveScope(db, ctx.actor, input.role, input);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    if (await usernameTaken(tx, input.username)) throw new AppError('CONFLICT', { field: 'username' });
    await insertAccounts(tx, [{
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      ...scope,
      phone: input.phone ?? null,
      mustChangePassword: true,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    }]);
    await writeAudit(tx, ctx, {
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      regionCode: scope.scopeRegionCode,
      details: { username: input.username, role: input.role, ...scope },
    });
  });
  return id;
}
