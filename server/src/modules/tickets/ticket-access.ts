/**
 * Who sees a ticket, and how the caller stands to it, decided from permissions plus scope (never
 * from role names): `ticket:read` sees the tickets in one's region subtree or grid;
 * `ticket:handle` those assigned or summoned to one's departments (and, in a grid, the grid's);
 * `ticket:report` one's own reports. Everything else is "not found". The same rules answer for a
 * list (SQL), one record, and a live event (its scope).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { HANDLING_LEVELS, type HandlingLevel, type Permission } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { levelOfRegion, type Standing } from './flow.js';
import { summons, summonsDepartment, ticket, ticketAssignment, ticketEvent } from './tables.js';

/** Tickets a department works on or was summoned to (any time): what its handlers see. */
function boundToDepartments(departmentIds: readonly string[]) {
  if (departmentIds.length === 0) return sql`false`;
  const ids = sql.join(departmentIds.map((d) => sql`${d}`), sql`, `);
  return sql`(exists (select 1 from ${ticketAssignment} where ${ticketAssignment.ticketId} = ${ticket.id} and ${ticketAssignment.departmentId} in (${ids}))
    or exists (select 1 from ${summons} join ${summonsDepartment} on ${summonsDepartment.summonsId} = ${summons.id}
               where ${summons.ticketId} = ${ticket.id} and ${summonsDepartment.departmentId} in (${ids})))`;
}

const shares = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).some((x) => b.includes(x));

export const TICKET_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'ticket:read',
    where: (actor) => gridRecordInScope(actor, ticket.regionCode, ticket.gridId),
    test: (actor, t) => placeInScope(actor, t),
  },
  {
    permission: 'ticket:handle',
    where: (actor) => (actor.gridId ? sql`(${eq(ticket.gridId, actor.gridId)} or ${boundToDepartments(actor.departmentIds)})` : boundToDepartments(actor.departmentIds)),
    test: (actor, t) => (actor.gridId !== null && t.gridId === actor.gridId) || shares(t.departmentIds, actor.departmentIds),
  },
  {
    permission: 'ticket:report',
    where: (actor) => eq(ticket.reporterUserId, actor.id),
    test: (actor, t) => (t.userIds ?? []).includes(actor.id),
  },
];

export function ticketReadable(actor: Actor) {
  return recordVisible(actor, TICKET_VISIBILITY);
}

export type TicketRow = typeof ticket.$inferSelect;

export async function loadTicket(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<TicketRow> {
  const query = db.select().from(ticket).where(and(eq(ticket.id, id), actor ? ticketReadable(actor) : undefined));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

/** The departments bound to a ticket (assigned or summoned, ever) and its reporter: who sees its live events. */
export async function ticketScope(db: Db, t: Pick<TicketRow, 'id' | 'regionCode' | 'gridId' | 'reporterUserId'>): Promise<RecordScope> {
  const [assigned, summoned] = await Promise.all([
    db.select({ id: ticketAssignment.departmentId }).from(ticketAssignment).where(eq(ticketAssignment.ticketId, t.id)),
    db.select({ id: summonsDepartment.departmentId }).from(summonsDepartment).innerJoin(summons, eq(summons.id, summonsDepartment.summonsId)).where(eq(summons.ticketId, t.id)),
  ]);
  return {
    record: 'ticket',
    regionCode: t.regionCode,
    gridId: t.gridId,
    departmentIds: [...new Set([...assigned, ...summoned].map((d) => d.id))],
    userIds: t.reporterUserId ? [t.reporterUserId] : [],
  };
}

/** Whether one ticket is visible to the actor (attachments it owns follow it). */
export async function ticketVisible(db: Db, actor: Actor, id: string): Promise<boolean> {
  const [found] = await db.select({ id: ticket.id }).from(ticket).where(and(eq(ticket.id, id), ticketReadable(actor)));
  return Boolean(found);
}

export function levelRank(level: HandlingLevel): number {
  return HANDLING_LEVELS.indexOf(level);
}

const holds = (actor: Actor, permission: Permission) => actor.permissions.includes(permission);

/** An account scoped to a region (not a grid) whose subtree holds the ticket at its level or above. */
function commandsLevel(actor: Actor, t: TicketRow): boolean {
  return actor.gridId === null && codeInSubtree(t.regionCode, actor.regionPrefix) && levelRank(levelOfRegion(actor.regionCode)) >= levelRank(t.level as HandlingLevel);
}

export async function standingOf(db: Db, actor: Actor, t: TicketRow): Promise<Standing> {
  const dispatcher = holds(actor, 'ticket:dispatch') && commandsLevel(actor, t);
  const supervisor = holds(actor, 'ticket:supervise') && commandsLevel(actor, t);
  const handler = holds(actor, 'ticket:handle');
  let assignee: Standing['assignee'] = null;
  let assignmentStatus: string | null = null;
  let summoned = false;
  if (handler && actor.departmentIds.length > 0) {
    const [a] = await db
      .select()
      .from(ticketAssignment)
      .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.departmentId, [...actor.departmentIds]), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
    if (a) [assignee, assignmentStatus] = [a.lead ? 'lead' : 'assist', a.status];
    const [s] = await db
      .select({ at: summonsDepartment.checkedInAt })
      .from(summonsDepartment)
      .innerJoin(summons, eq(summons.id, summonsDepartment.summonsId))
      .where(and(eq(summons.ticketId, t.id), inArray(summonsDepartment.departmentId, [...actor.departmentIds]), sql`${summonsDepartment.checkedInAt} is null`));
    summoned = Boolean(s);
  }
  // Who filed the report and who reported it back last (handled it), from the timeline.
  const steps = t.status === 'reported_back'
    ? await db
        .select({ action: ticketEvent.action, actorId: ticketEvent.actorId })
        .from(ticketEvent)
        .where(and(eq(ticketEvent.ticketId, t.id), inArray(ticketEvent.action, ['report', 'report_back'])))
        .orderBy(desc(ticketEvent.seq))
    : [];
  const filedBy = steps.find((e) => e.action === 'report')?.actorId ?? null;
  const handledBy = steps.find((e) => e.action === 'report_back')?.actorId ?? null;
  return {
    dispatcher,
    supervisor,
    commandLevel: dispatcher || supervisor ? levelOfRegion(actor.regionCode) : null,
    gridHandler: handler && actor.gridId !== null && actor.gridId === t.gridId,
    assignee,
    assignmentStatus,
    summoned,
    reporter: holds(actor, 'ticket:report') && t.reporterUserId !== null && t.reporterUserId === actor.id,
    // Seen only as its reporter: the public steps of the timeline, no staff names.
    selfHandled: filedBy === actor.id && handledBy === actor.id,
    reporterOnly: !(holds(actor, 'ticket:read') && placeInScope(actor, t)) && !(handler && (assignee !== null || summoned || (actor.gridId !== null && actor.gridId === t.gridId))),
  };
}

/** The actor's department that works on the ticket (their first, for records a department writes). */
export function actingDepartment(actor: Actor): string | null {
  return actor.departmentIds[0] ?? null;
}

