/**
 * Linking residents to a household (membership) or an organisation (employees). A link changes
 * the parent record: its version goes up, and history and audit record who was added or removed.
 */
import { and, eq } from 'drizzle-orm';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { RegisterDeps } from './deps.js';
import { loadRow, type BaseRow, type RegisterSpec } from './engine.js';
import { writeHistory } from './history.js';
import { residentSpec } from './residents.js';
import { householdSpec } from './households.js';
import { organizationSpec } from './organizations.js';
import { householdMember, organizationEmployee } from './tables.js';

async function changeLink<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  ctx: ActorContext,
  spec: RegisterSpec<Row, Out>,
  parentId: string,
  residentId: string,
  action: 'add' | 'remove',
  write: (tx: RegisterDeps['db']) => Promise<boolean>,
  details: Record<string, unknown> = {},
): Promise<Out> {
  await deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const parent = await loadRow(txDeps, spec, ctx.actor, parentId, true);
    // The resident must be one the caller may see: in scope, and a register the caller may read.
    if (!ctx.actor.permissions.includes(residentSpec.access.read)) {
      throw new AppError('REGISTER_REFERENCE_INVALID', { fields: [{ field: 'residentId', code: 'REGISTER_REFERENCE_INVALID' }] });
    }
    await loadRow(txDeps, residentSpec, ctx.actor, residentId).catch(() => {
      throw new AppError('REGISTER_REFERENCE_INVALID', { fields: [{ field: 'residentId', code: 'REGISTER_REFERENCE_INVALID' }] });
    });
    if (!(await write(tx))) throw notFound();
    const version = parent.version + 1;
    const now = ctx.clock.now();
    await spec.update(tx, parentId, { version, updatedAt: now, updatedBy: ctx.actor.id });
    const field = spec.kind === 'household' ? 'members' : 'employees';
    await writeHistory(tx, ctx, {
      kind: spec.kind,
      recordId: parentId,
      version,
      action: 'update',
      changes: [{ field, from: action === 'remove' ? residentId : null, to: action === 'add' ? { residentId, ...details } : null }],
    });
    await writeAudit(tx, ctx, {
      action: `${spec.kind}.${field}.${action}`,
      objectType: spec.kind,
      objectId: parentId,
      subject: residentId,
      regionCode: parent.regionCode,
      details,
    });
  });
  const [out] = await spec.present(deps, [await loadRow(deps, spec, ctx.actor, parentId)]);
  return out!;
}

export async function addHouseholdMember(deps: RegisterDeps, ctx: ActorContext, householdId: string, input: { residentId: string; relation: string }) {
  try {
    return await changeLink(deps, ctx, householdSpec, householdId, input.residentId, 'add', async (tx) => {
      await tx.insert(householdMember).values({ householdId, residentId: input.residentId, relation: input.relation, joinedAt: ctx.clock.now() });
      return true;
    }, { relation: input.relation });
  } catch (error) {
    if (isUniqueViolation(error, 'household_member_one_head_key')) throw new AppError('HOUSEHOLD_HEAD_EXISTS');
    if (isUniqueViolation(error)) throw new AppError('HOUSEHOLD_MEMBER_EXISTS');
    throw error;
  }
}

export function removeHouseholdMember(deps: RegisterDeps, ctx: ActorContext, householdId: string, residentId: string) {
  return changeLink(deps, ctx, householdSpec, householdId, residentId, 'remove', async (tx) => {
    const removed = await tx
      .delete(householdMember)
      .where(and(eq(householdMember.householdId, householdId), eq(householdMember.residentId, residentId)))
      .returning({ id: householdMember.residentId });
    return removed.length > 0;
  });
}

export async function addOrganizationEmployee(
  deps: RegisterDeps,
  ctx: ActorContext,
  organizationId: string,
  input: { residentId: string; position?: string | null; isContact: boolean },
) {
  try {
    return await changeLink(deps, ctx, organizationSpec, organizationId, input.residentId, 'add', async (tx) => {
      await tx.insert(organizationEmployee).values({
        organizationId,
        residentId: input.residentId,
        position: input.position ?? null,
        isContact: input.isContact,
        joinedAt: ctx.clock.now(),
      });
      return true;
    }, { position: input.position ?? null, isContact: input.isContact });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('REGISTER_DUPLICATE');
    throw error;
  }
}

export function removeOrganizationEmployee(deps: RegisterDeps, ctx: ActorContext, organizationId: string, residentId: string) {
  return changeLink(deps, ctx, organizationSpec, organizationId, residentId, 'remove', async (tx) => {
    const removed = await tx
      .delete(organizationEmployee)
      .where(and(eq(organizationEmployee.organizationId, organizationId), eq(organizationEmployee.residentId, residentId)))
      .returning({ id: organizationEmployee.residentId });
    return removed.length > 0;
  });
}
