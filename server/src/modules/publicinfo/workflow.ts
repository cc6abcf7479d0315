/**
 * The lives of a rumour rebuttal and of a resident's question, as data (platform/workflow).
 * A rebuttal is drafted, edited and published by a manager of its region's subtree, and withdrawn.
 * A question is answered by an answerer of its region's subtree, then published (public from then
 * on) or rejected with a reason. Staff see the records of their subtree; residents only what the
 * portal shows (published, at their region and the regions above it).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ConsultationAction, ConsultationStatus, RebuttalAction, RebuttalStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { consultation, healthFacility, rumourRebuttal } from './tables.js';

export type RebuttalRow = typeof rumourRebuttal.$inferSelect;
export type ConsultationRow = typeof consultation.$inferSelect;
export type HealthFacilityRow = typeof healthFacility.$inferSelect;

/** Holds the permission and the record's region lies in the caller's subtree (grid-scoped accounts never). */
const reaches = (actor: Actor, permission: string, regionCode: string) => actor.gridId === null && actor.permissions.includes(permission as never) && codeInSubtree(regionCode, actor.regionPrefix);

const subtreeRule = <T extends { regionCode: string }>(permission: 'publicinfo:manage' | 'consultation:answer', column: Parameters<typeof regionInScope>[1]) => ({
  permission,
  where: (actor: Actor) => regionInScope(actor, column),
  test: (actor: Actor, r: RecordScope | T) => codeInSubtree(r.regionCode, actor.regionPrefix),
});

// ---- Rumour rebuttals ----

export interface ManagerStanding {
  manager: boolean;
}

export const REBUTTAL_RULES: Rules<RebuttalStatus, RebuttalAction, ManagerStanding, { status: RebuttalStatus }> = {
  edit: { from: ['draft'], who: (s) => s.manager },
  publish: { from: ['draft'], who: (s) => s.manager },
  withdraw: { from: ['published'], who: (s) => s.manager },
};

export const REBUTTAL_VISIBILITY: Visibility<RecordScope> = [subtreeRule('publicinfo:manage', rumourRebuttal.regionCode)];
export const HEALTH_FACILITY_VISIBILITY: Visibility<RecordScope> = [subtreeRule('publicinfo:manage', healthFacility.regionCode)];

export function rebuttalActions(actor: Actor, r: RebuttalRow, now: Date): RebuttalAction[] {
  return allowedActions(REBUTTAL_RULES, { status: r.status as RebuttalStatus }, { manager: reaches(actor, 'publicinfo:manage', r.regionCode) }, now);
}

export async function loadRebuttal(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<RebuttalRow> {
  const query = db.select().from(rumourRebuttal).where(and(eq(rumourRebuttal.id, id), actor ? recordVisible(actor, REBUTTAL_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const rebuttalWorkflow: Workflow<RebuttalRow, RebuttalStatus, RebuttalAction, ManagerStanding, { status: RebuttalStatus }> = {
  kind: 'rumour_rebuttal',
  rules: REBUTTAL_RULES,
  errors: { state: 'RUMOUR_REBUTTAL_STATE', version: 'RUMOUR_REBUTTAL_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadRebuttal(tx, actor, id, true),
  id: (r) => r.id,
  version: (r) => r.version,
  regionCode: (r) => r.regionCode,
  subject: async (_tx, r) => ({ status: r.status as RebuttalStatus }),
  standing: async (_tx, actor, r) => ({ manager: reaches(actor, 'publicinfo:manage', r.regionCode) }),
  async save(tx, r, { status, patch, version, now }) {
    const next = { ...r, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(rumourRebuttal).set(columns).where(eq(rumourRebuttal.id, r.id));
    return next;
  },
  liveScope: async (_tx, r) => ({ record: 'rumour_rebuttal', regionCode: r.regionCode, state: r.status }),
};

// ---- Consultations ----

export interface AnswererStanding {
  answerer: boolean;
}

export const CONSULTATION_RULES: Rules<ConsultationStatus, ConsultationAction, AnswererStanding, { status: ConsultationStatus }> = {
  answer: { from: ['asked', 'answered'], who: (s) => s.answerer },
  publish: { from: ['answered'], who: (s) => s.answerer },
  reject: { from: ['asked', 'answered'], who: (s) => s.answerer },
};

export const CONSULTATION_VISIBILITY: Visibility<RecordScope> = [subtreeRule('consultation:answer', consultation.regionCode)];

export function consultationActions(actor: Actor, c: ConsultationRow, now: Date): ConsultationAction[] {
  return allowedActions(CONSULTATION_RULES, { status: c.status as ConsultationStatus }, { answerer: reaches(actor, 'consultation:answer', c.regionCode) }, now);
}

export async function loadConsultation(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ConsultationRow> {
  const query = db.select().from(consultation).where(and(eq(consultation.id, id), actor ? recordVisible(actor, CONSULTATION_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const consultationWorkflow: Workflow<ConsultationRow, ConsultationStatus, ConsultationAction, AnswererStanding, { status: ConsultationStatus }> = {
  kind: 'consultation',
  rules: CONSULTATION_RULES,
  errors: { state: 'CONSULTATION_STATE', version: 'CONSULTATION_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadConsultation(tx, actor, id, true),
  id: (c) => c.id,
  version: (c) => c.version,
  regionCode: (c) => c.regionCode,
  subject: async (_tx, c) => ({ status: c.status as ConsultationStatus }),
  standing: async (_tx, actor, c) => ({ answerer: reaches(actor, 'consultation:answer', c.regionCode) }),
  async save(tx, c, { status, patch, version, now }) {
    const next = { ...c, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(consultation).set(columns).where(eq(consultation.id, c.id));
    return next;
  },
  liveScope: async (_tx, c) => ({ record: 'consultation', regionCode: c.regionCode, state: c.status }),
};
