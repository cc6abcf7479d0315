/**
 * A case's life as data (platform/workflow): recorded as suspected or confirmed; a suspected case
 * is confirmed or excluded; a confirmed case is closed. Who sees a case: operators whose region
 * subtree holds it (never a grid account). Who sees a contact: operators of the region where it
 * lives or was met, and the grid workers of its grid, who follow it up.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CaseAction, CaseStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { epiCase, epiCaseEvent, epiContact } from './tables.js';

export type CaseRow = typeof epiCase.$inferSelect;

export const CASE_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'case:read',
    where: (actor) => (actor.gridId ? sql`false` : regionInScope(actor, epiCase.regionCode)),
    test: (actor, c) => !actor.gridId && codeInSubtree(c.regionCode, actor.regionPrefix),
  },
];

export const CONTACT_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'contact:read', where: (actor) => gridRecordInScope(actor, epiContact.regionCode, epiContact.gridId), test: (actor, c) => placeInScope(actor, c) },
];

interface Standing {
  /** Holds `case:manage` and the case's region lies in their subtree (not a grid account). */
  manager: boolean;
}

export const CASE_RULES: Rules<CaseStatus, CaseAction, Standing, { status: CaseStatus }> = {
  confirm: { from: ['suspected'], who: (s) => s.manager },
  exclude: { from: ['suspected'], who: (s) => s.manager },
  close: { from: ['confirmed'], who: (s) => s.manager },
};

export const managesCase = (actor: Actor, c: Pick<CaseRow, 'regionCode'>) =>
  actor.gridId === null && actor.permissions.includes('case:manage') && codeInSubtree(c.regionCode, actor.regionPrefix);

export const caseActions = (actor: Actor, c: CaseRow, now: Date): CaseAction[] =>
  allowedActions(CASE_RULES, { status: c.status as CaseStatus }, { manager: managesCase(actor, c) }, now);

export const caseScope = (c: Pick<CaseRow, 'regionCode' | 'gridId' | 'status'>): RecordScope => ({ record: 'case', regionCode: c.regionCode, gridId: c.gridId, state: c.status });

export async function loadCase(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<CaseRow> {
  const query = db.select().from(epiCase).where(and(eq(epiCase.id, id), actor ? recordVisible(actor, CASE_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const caseWorkflow: Workflow<CaseRow, CaseStatus, CaseAction, Standing, { status: CaseStatus }> = {
  kind: 'case',
  rules: CASE_RULES,
  errors: { state: 'CASE_STATE', version: 'CASE_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadCase(tx, actor, id, true),
  id: (c) => c.id,
  version: (c) => c.version,
  regionCode: (c) => c.regionCode,
  subject: async (_tx, c) => ({ status: c.status as CaseStatus }),
  standing: async (_tx, actor, c) => ({ manager: managesCase(actor, c) }),
  async save(tx, c, { status, patch, version, now }) {
    const next = { ...c, ...patch, status, version, updatedAt: now };
    const { id: _id, caseNo: _no, ...columns } = next;
    await tx.update(epiCase).set(columns).where(eq(epiCase.id, c.id));
    return next;
  },
  async timeline(tx, ctx, c, step) {
    await tx.insert(epiCaseEvent).values({ caseId: c.id, action: step.action, status: step.toStatus ?? c.status, actorId: ctx.actor?.id ?? null, note: step.note, at: ctx.clock.now() });
  },
  liveScope: async (_tx, c) => caseScope(c),
};
