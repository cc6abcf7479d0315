/**
 * Creates an account with one role and a scope. An ordinary account gets the initial password
 * its creator chose and must change it at the first sign-in. An account of the three admin roles
 * gets no password anyone knows: a one-time enrolment code goes to the operator console, never to
 * its creator, and its creation is flagged for the auditor (platform/auth/enrolment.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { OperatorConsole } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { insertAccounts, usernameTaken } from '../../platform/accounts/accounts.js';
import { hashPassword } from '../../platform/auth/password.js';
import { assertStrongPassword } from '../../platform/auth/change-password.js';
import { announceEnrolment, isAdminRole, issueEnrolment, unusablePasswordHash, type IssuedEnrolment } from '../../platform/auth/enrolment.js';
import { resolveScope } from './user-rules.js';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionCode?: string;
  scopeGridId?: string;
  phone?: string;
  password?: string;
}

export async function createUser(db: Db, ctx: ActorContext, input: CreateUserInput, deps: { operatorConsole: OperatorConsole }): Promise<string> {
  const admin = isAdminRole(input.role);
  if (admin && input.password !== undefined) throw new AppError('USER_ADMIN_PASSWORD_NOT_ALLOWED', { field: 'password' });
  if (!admin && input.password === undefined) throw new AppError('VALIDATION_FAILED', [{ path: 'body.password', message: 'required for this role', code: 'invalid_type' }]);
  if (input.password !== undefined) assertStrongPassword(input.password, input.username);
  const scope = await resolveScope(db, ctx.actor, input.role, input);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : await unusablePasswordHash();
  const id = randomUUID();
  const now = ctx.clock.now();
  const enrolment: IssuedEnrolment | null = await db.transaction(async (tx) => {
    if (await usernameTaken(tx, input.username)) throw new AppError('CONFLICT', { field: 'username' });
    await insertAccounts(tx, [{
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      ...scope,
      phone: input.phone ?? null,
      mustChangePassword: !admin,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    }]);
    const issued = admin ? await issueEnrolment(tx, id, ctx.actor.id, now) : null;
    await writeAudit(tx, ctx, {
      action: admin ? 'user.admin_create' : 'user.create',
      objectType: 'user',
      objectId: id,
      regionCode: scope.scopeRegionCode,
      details: { username: input.username, role: input.role, ...scope, ...(issued ? { enrolmentExpiresAt: issued.expiresAt.toISOString() } : {}) },
    });
    return issued;
  });
  // After commit: a code for an account that was never created would be noise.
  if (enrolment) announceEnrolment(deps.operatorConsole, { username: input.username, role: input.role, issuedBy: ctx.actor.username, reason: 'created', enrolment });
  return id;
}
