/** Creating and changing departments, and linking handler accounts to them. */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { roleHas, type Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree, regionInScope } from '../../platform/scope.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { findCurrentRegion } from '../regions/queries.js';
import { findAccount } from '../../platform/accounts/accounts.js';
import { department, departmentMember } from './tables.js';

export interface DepartmentInput {
  name: string;
  regionCode: string;
  phone?: string | null;
}

async function assertRegion(db: Db, ctx: ActorContext, code: string): Promise<void> {
  if (!codeInSubtree(code, ctx.actor.regionPrefix) || !(await findCurrentRegion(db, code))) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  }
}

export async function createDepartment(db: Db, ctx: ActorContext, input: DepartmentInput): Promise<string> {
  await assertRegion(db, ctx, input.regionCode);
  const id = randomUUID();
  const now = ctx.clock.now();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(department).values({ id, name: input.name, regionCode: input.regionCode, phone: input.phone ?? null, createdAt: now, updatedAt: now });
      await writeAudit(tx, ctx, { action: 'department.create', objectType: 'department', objectId: id, regionCode: input.regionCode, details: { name: input.name } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { field: 'name' });
    throw error;
  }
  return id;
}

/** Links a department handler account to a department (an account belongs to one at most). */
export async function setDepartmentMember(db: Db, ctx: ActorContext, departmentId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [d] = await tx.select().from(department).where(and(eq(department.id, departmentId), isNull(department.deletedAt), regionInScope(ctx.actor, department.regionCode)));
    if (!d) throw notFound();
    const user = await findAccount(tx, ctx.actor, userId, true);
    // Department work is handled by region-scoped accounts that hold `ticket:handle`.
    if (user.scopeGridId || !roleHas(user.role as Role, 'ticket:handle')) throw new AppError('USER_SCOPE_INVALID', { field: 'role' });
    await tx.insert(departmentMember).values({ userId, departmentId }).onConflictDoUpdate({ target: departmentMember.userId, set: { departmentId } });
    await writeAudit(tx, ctx, { action: 'department.member.set', objectType: 'user', objectId: userId, regionCode: d.regionCode, details: { departmentId } });
  });
}

/** Seeding: a department row as given (no checks, no audit; the seed audits itself). */
export async function insertDepartment(tx: Db, row: { id: string; name: string; regionCode: string; createdAt: Date; updatedAt: Date }): Promise<void> {
  await tx.insert(department).values(row);
}

/** Seeding: links an account to a department. */
export async function addDepartmentMember(tx: Db, userId: string, departmentId: string): Promise<void> {
  await tx.insert(departmentMember).values({ userId, departmentId });
}
