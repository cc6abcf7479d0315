/** Every step of a warning goes through the workflow kit: acknowledge, assign, handle, close, mark a false positive. */
import type { WarningAction } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { accountById, rolesWith } from '../../platform/accounts/accounts.js';
import { codeInSubtree } from '../../platform/scope.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { departmentsVisibleTo } from '../departments/queries.js';
import { warningWorkflow, type WarningRow } from './workflow.js';
import { ruleNames } from './rules.js';

export interface StepInput {
  version: number;
  note?: string;
  reason?: string;
  userId?: string;
  departmentId?: string;
}

type Status = WarningRow['status'];

async function assignee(db: Db, ctx: ActorContext, input: StepInput): Promise<Partial<WarningRow>> {
  if (Boolean(input.userId) === Boolean(input.departmentId)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'userId', code: 'WARNING_ASSIGNEE_REQUIRED' }] });
  if (input.departmentId) {
    const found = await departmentsVisibleTo(db, ctx.actor, [input.departmentId]);
    if (!found.has(input.departmentId)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'departmentId', code: 'WARNING_ASSIGNEE_INVALID' }] });
    return { assigneeDepartmentId: input.departmentId, assigneeUserId: null };
  }
  const user = await accountById(db, input.userId!);
  const mayHold = user && !user.disabled && (['warning:read', 'warning:handle', 'warning:assigned'] as const).some((p) => (rolesWith(p) as readonly string[]).includes(user.role));
  if (!user || !mayHold || !codeInSubtree(user.scopeRegionCode, ctx.actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'userId', code: 'WARNING_ASSIGNEE_INVALID' }] });
  return { assigneeUserId: user.id, assigneeDepartmentId: null };
}

export async function transitionWarning(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: ActorContext, id: string, action: WarningAction, input: StepInput): Promise<void> {
  const note = input.note ?? input.reason ?? null;
  await runTransition(kit, ctx, warningWorkflow, id, action, { version: input.version, note }, async ({ tx, row }): Promise<Effects<WarningRow, Status>> => {
    switch (action) {
      case 'acknowledge':
        return { status: 'acknowledged' };
      case 'assign': {
        // Checked once the warning is found and the step allowed: outside its scope the answer is "not found".
        const patch = await assignee(tx, ctx, input);
        const rule = (await ruleNames(tx, [row.ruleId])).get(row.ruleId) ?? row.kind;
        const audiences = patch.assigneeUserId ? [{ kind: 'users' as const, userIds: [patch.assigneeUserId] }] : [{ kind: 'department_members', departmentIds: [patch.assigneeDepartmentId!] }];
        return { status: 'assigned', patch, data: { userId: patch.assigneeUserId ?? null, departmentId: patch.assigneeDepartmentId ?? null }, notices: [{ kind: 'warning.assigned', params: { rule }, audiences }] };
      }
      case 'handle':
        return { status: 'handled', patch: { note: input.note ?? null } };
      case 'close':
        return { status: 'closed' };
      case 'mark_false_positive':
        return { status: 'false_positive', patch: { falsePositiveReason: input.reason ?? null } };
    }
  });
}
