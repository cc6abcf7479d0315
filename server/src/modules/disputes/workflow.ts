/**
 * A dispute's life as data (platform/workflow): registered by a grid worker or a command centre,
 * assigned to mediators by the centre of its level (管理), mediated in sessions by the writers of
 * its place or the assigned department's handlers, settled by an agreement, followed up and
 * closed; or escalated, or failed with a referral. Who sees one: readers and writers of its grid
 * or region, managers of the region, and the handlers of the department mediating it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DisputeAction, DisputeStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { dispute, type DisputeRow } from './tables.js';

export interface Standing {
  /** Holds `dispute:write` and the dispute is in their grid or subtree. */
  writer: boolean;
  /** Holds `dispute:manage` and the dispute's region lies in their subtree (a command centre). */
  manager: boolean;
  /** Holds `dispute:mediate` for the department the dispute was assigned to. */
  mediator: boolean;
}

const mediates = (s: Standing) => s.writer || s.mediator;

/** The people's steps, and the system's: `return_from_ticket` when the ticket it was escalated into is closed or refused. */
export type DisputeStep = DisputeAction | 'return_from_ticket';

export const DISPUTE_RULES: Rules<DisputeStatus, DisputeStep, Standing, { status: DisputeStatus }> = {
  assign: { from: ['registered', 'assigned'], who: (s) => s.manager },
  record_session: { from: ['assigned', 'mediating'], who: mediates },
  agree: { from: ['mediating'], who: mediates },
  // After an agreement, or when the ticket loop gave the dispute back: the mediator records the fulfilment.
  follow_up: { from: ['agreed', 'returned'], who: mediates },
  close: { from: ['followed_up', 'returned'], who: (s) => s.manager },
  escalate: { from: ['registered', 'assigned', 'mediating'], who: (s) => s.manager },
  return_from_ticket: { from: ['escalated'], system: true },
  fail: { from: ['assigned', 'mediating'], who: (s) => s.manager || s.mediator },
};

const inPlace = (actor: Actor) => gridRecordInScope(actor, dispute.regionCode, dispute.gridId);

export const DISPUTE_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'dispute:read', where: inPlace, test: placeInScope },
  { permission: 'dispute:write', where: inPlace, test: placeInScope },
  { permission: 'dispute:manage', where: (actor) => (actor.gridId ? sql`false` : regionInScope(actor, dispute.regionCode)), test: (actor, d) => !actor.gridId && codeInSubtree(d.regionCode, actor.regionPrefix) },
  {
    permission: 'dispute:mediate',
    where: (actor) => (actor.departmentIds.length === 0 ? sql`false` : sql`${dispute.departmentId} in (${sql.join(actor.departmentIds.map((d) => sql`${d}::uuid`), sql`, `)})`),
    test: (actor, d) => (d.departmentIds ?? []).some((id) => actor.departmentIds.includes(id)),
  },
];

export function standingOf(actor: Actor, d: DisputeRow): Standing {
  const place = placeInScope(actor, { regionCode: d.regionCode, gridId: d.gridId });
  return {
    writer: place && actor.permissions.includes('dispute:write'),
    manager: actor.gridId === null && codeInSubtree(d.regionCode, actor.regionPrefix) && actor.permissions.includes('dispute:manage'),
    mediator: d.departmentId !== null && actor.departmentIds.includes(d.departmentId) && actor.permissions.includes('dispute:mediate'),
  };
}

export function disputeActions(actor: Actor, d: DisputeRow, now: Date): DisputeAction[] {
  return allowedActions(DISPUTE_RULES, { status: d.status as DisputeStatus }, standingOf(actor, d), now).filter((a): a is DisputeAction => a !== 'return_from_ticket');
}

export async function loadDispute(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<DisputeRow> {
  const query = db.select().from(dispute).where(and(eq(dispute.id, id), actor ? recordVisible(actor, DISPUTE_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const disputeScope = (d: Pick<DisputeRow, 'regionCode' | 'gridId' | 'departmentId' | 'status'>): RecordScope => ({ record: 'dispute', regionCode: d.regionCode, gridId: d.gridId, departmentIds: d.departmentId ? [d.departmentId] : [], state: d.status });

export const disputeWorkflow: Workflow<DisputeRow, DisputeStatus, DisputeStep, Standing, { status: DisputeStatus }> = {
  kind: 'dispute',
  rules: DISPUTE_RULES,
  errors: { state: 'DISPUTE_STATE', version: 'DISPUTE_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadDispute(tx, actor, id, true),
  id: (d) => d.id,
  version: (d) => d.version,
  regionCode: (d) => d.regionCode,
  subject: async (_tx, d) => ({ status: d.status as DisputeStatus }),
  standing: async (_tx, actor, d) => standingOf(actor, d),
  async save(tx, d, { status, patch, version, now }) {
    const next = { ...d, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(dispute).set(columns).where(eq(dispute.id, d.id));
    return next;
  },
  liveScope: async (_tx, d) => disputeScope(d),
  // The live event names no party and no place in words: only the state.
  liveData: (d) => ({ status: d.status }),
};
