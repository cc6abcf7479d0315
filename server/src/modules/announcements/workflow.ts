/**
 * An announcement's life as data (platform/workflow): drafted and edited by a writer of its
 * region, submitted, then published or returned by someone else who may publish there (the
 * two-person rule), and withdrawn. Who sees one: writers and publishers their subtree's, in any
 * state; staff the published ones of their own region and the regions above it.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { AnnouncementAction, AnnouncementStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { announcement } from './tables.js';

export type AnnouncementRow = typeof announcement.$inferSelect;

export interface Standing {
  /** Holds `announcement:write` and the announcement's region lies in their subtree. */
  writer: boolean;
  /** Holds `announcement:publish` there, and did not write it. */
  publisher: boolean;
}

export const ANNOUNCEMENT_RULES: Rules<AnnouncementStatus, AnnouncementAction, Standing, { status: AnnouncementStatus }> = {
  edit: { from: ['draft'], who: (s) => s.writer },
  submit: { from: ['draft'], who: (s) => s.writer },
  publish: { from: ['submitted'], who: (s) => s.publisher },
  return: { from: ['submitted'], who: (s) => s.publisher },
  withdraw: { from: ['published'], who: (s) => s.publisher },
};

const ownOrAbove = (actor: Actor) => [...ancestorCodes(actor.regionCode), actor.regionCode];

export const ANNOUNCEMENT_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'announcement:write', where: (actor) => regionInScope(actor, announcement.regionCode), test: (actor, a) => codeInSubtree(a.regionCode, actor.regionPrefix) },
  { permission: 'announcement:publish', where: (actor) => regionInScope(actor, announcement.regionCode), test: (actor, a) => codeInSubtree(a.regionCode, actor.regionPrefix) },
  {
    permission: 'announcement:read',
    where: (actor) => and(eq(announcement.status, 'published'), or(regionInScope(actor, announcement.regionCode), inArray(announcement.regionCode, ownOrAbove(actor))))!,
    test: (actor, a) => a.state === 'published' && (codeInSubtree(a.regionCode, actor.regionPrefix) || ownOrAbove(actor).includes(a.regionCode)),
  },
];

export function standingOf(actor: Actor, a: AnnouncementRow): Standing {
  const reach = actor.gridId === null && codeInSubtree(a.regionCode, actor.regionPrefix);
  return {
    writer: reach && actor.permissions.includes('announcement:write'),
    publisher: reach && actor.permissions.includes('announcement:publish') && a.createdBy !== actor.id,
  };
}

export function announcementActions(actor: Actor, a: AnnouncementRow, now: Date): AnnouncementAction[] {
  return allowedActions(ANNOUNCEMENT_RULES, { status: a.status as AnnouncementStatus }, standingOf(actor, a), now);
}

export async function loadAnnouncement(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<AnnouncementRow> {
  const query = db.select().from(announcement).where(and(eq(announcement.id, id), actor ? recordVisible(actor, ANNOUNCEMENT_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const announcementWorkflow: Workflow<AnnouncementRow, AnnouncementStatus, AnnouncementAction, Standing, { status: AnnouncementStatus }> = {
  kind: 'announcement',
  rules: ANNOUNCEMENT_RULES,
  errors: { state: 'ANNOUNCEMENT_STATE', version: 'ANNOUNCEMENT_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadAnnouncement(tx, actor, id, true),
  id: (a) => a.id,
  version: (a) => a.version,
  regionCode: (a) => a.regionCode,
  subject: async (_tx, a) => ({ status: a.status as AnnouncementStatus }),
  standing: async (_tx, actor, a) => standingOf(actor, a),
  async save(tx, a, { status, patch, version, now }) {
    const next = { ...a, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(announcement).set(columns).where(eq(announcement.id, a.id));
    return next;
  },
  liveScope: async (_tx, a) => ({ record: 'announcement', regionCode: a.regionCode, state: a.status }),
  liveData: (a) => ({ title: a.title }),
};
