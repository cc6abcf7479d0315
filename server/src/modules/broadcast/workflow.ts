/**
 * A broadcast's life as data (platform/workflow): drafted and edited by a drafter of its region,
 * submitted with its recipient counts, approved (or returned) by someone else who may approve
 * there (the two-person rule: never the drafter), then sent by the system (`start` when the
 * first batch is queued, `finish` when every message is handed over or refused); cancelled by a
 * drafter or an approver at any point before it is sent. Who sees one: the holders of
 * `broadcast:read` whose region subtree holds it. Templates and loudspeakers are not personal:
 * seen in the subtree and from below; shipped templates by everyone who reads broadcasts.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { BroadcastAction, BroadcastStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { broadcast, broadcastTemplate, loudspeaker } from './tables.js';

export type BroadcastRow = typeof broadcast.$inferSelect;
export type TemplateRow = typeof broadcastTemplate.$inferSelect;
export type LoudspeakerRow = typeof loudspeaker.$inferSelect;

const inSubtree = (actor: Actor, code: string) => codeInSubtree(code, actor.regionPrefix);
const ownOrAbove = (actor: Actor) => [...ancestorCodes(actor.regionCode), actor.regionCode];

export const BROADCAST_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'broadcast:read', where: (actor) => regionInScope(actor, broadcast.regionCode), test: (actor, b) => inSubtree(actor, b.regionCode) },
];

export const TEMPLATE_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'broadcast:read',
    where: (actor) => or(isNull(broadcastTemplate.regionCode), regionInScope(actor, broadcastTemplate.regionCode), inArray(broadcastTemplate.regionCode, ownOrAbove(actor)))!,
    test: (actor, t) => !t.regionCode || inSubtree(actor, t.regionCode) || ownOrAbove(actor).includes(t.regionCode),
  },
];

export const LOUDSPEAKER_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'broadcast:read',
    where: (actor) => sql`(${regionInScope(actor, loudspeaker.regionCode)} or ${inArray(loudspeaker.regionCode, ownOrAbove(actor))})`,
    test: (actor, l) => inSubtree(actor, l.regionCode) || ownOrAbove(actor).includes(l.regionCode),
  },
];

/** Holds `permission`, has no grid scope and the place lies in the caller's subtree: may change it. */
export const keeps = (actor: Actor, permission: 'broadcast:draft' | 'broadcast:approve' | 'broadcast:template' | 'broadcast:device', regionCode: string) =>
  actor.gridId === null && actor.permissions.includes(permission) && inSubtree(actor, regionCode);

export interface Standing {
  drafter: boolean;
  /** May approve there, and did not draft it. */
  approver: boolean;
}

export const BROADCAST_RULES: Rules<BroadcastStatus, BroadcastAction | 'start' | 'finish', Standing, { status: BroadcastStatus }> = {
  edit: { from: ['draft'], who: (s) => s.drafter },
  submit: { from: ['draft'], who: (s) => s.drafter },
  approve: { from: ['submitted'], who: (s) => s.approver },
  return: { from: ['submitted'], who: (s) => s.approver },
  cancel: { from: ['draft', 'submitted', 'approved', 'sending'], who: (s) => s.drafter || s.approver },
  start: { from: ['approved'], system: true },
  finish: { from: ['sending'], system: true },
};

export function standingOf(actor: Actor, b: Pick<BroadcastRow, 'regionCode' | 'createdBy'>): Standing {
  return {
    drafter: keeps(actor, 'broadcast:draft', b.regionCode),
    approver: keeps(actor, 'broadcast:approve', b.regionCode) && b.createdBy !== actor.id,
  };
}

export function broadcastActions(actor: Actor, b: BroadcastRow, now: Date): BroadcastAction[] {
  return allowedActions(BROADCAST_RULES, { status: b.status as BroadcastStatus }, standingOf(actor, b), now).filter((a): a is BroadcastAction => a !== 'start' && a !== 'finish');
}

export async function loadBroadcast(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<BroadcastRow> {
  const query = db.select().from(broadcast).where(and(eq(broadcast.id, id), actor ? recordVisible(actor, BROADCAST_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const broadcastScope = (b: Pick<BroadcastRow, 'regionCode' | 'status'>): RecordScope => ({ record: 'broadcast', regionCode: b.regionCode, state: b.status });

export const broadcastWorkflow: Workflow<BroadcastRow, BroadcastStatus, BroadcastAction | 'start' | 'finish', Standing, { status: BroadcastStatus }> = {
  kind: 'broadcast',
  rules: BROADCAST_RULES,
  errors: { state: 'BROADCAST_STATE', version: 'BROADCAST_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadBroadcast(tx, actor, id, true),
  id: (b) => b.id,
  version: (b) => b.version,
  regionCode: (b) => b.regionCode,
  subject: async (_tx, b) => ({ status: b.status as BroadcastStatus }),
  standing: async (_tx, actor, b) => standingOf(actor, b),
  async save(tx, b, { status, patch, version, now }) {
    const next = { ...b, ...patch, status, version, updatedAt: now };
    const { id: _id, number: _n, ...columns } = next;
    await tx.update(broadcast).set(columns).where(eq(broadcast.id, b.id));
    return next;
  },
  liveScope: async (_tx, b) => broadcastScope(b),
  liveData: (b) => ({ number: `B${b.number}` }),
};
