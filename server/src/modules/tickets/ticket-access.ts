/**
 * Who sees a ticket, and how the caller stands to it. Operators see their subtree; grid workers
 * their grid; department handlers the tickets dispatched or summoned to their department;
 * residents the tickets they reported. Everything else is "not found".
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { HANDLING_LEVELS, type HandlingLevel } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, regionInScope } from '../../platform/scope.js';
import { departmentOf } from '../departments/queries.js';
import { levelOfRegion, type Standing } from './flow.js';
import { summons, summonsDepartment, ticket, ticketAssignment } from './tables.js';

/** The caller's department, looked up once per request for handlers. */
export async function actorDepartment(db: Db, actor: Actor): Promise<string | null> {
  return actor.role === 'department_handler' ? departmentOf(db, actor.id) : null;
}

export function ticketReadable(actor: Actor, departmentId: string | null): SQL {
  switch (actor.role) {
    case 'operator':
      return regionInScope(actor, ticket.regionCode);
    case 'grid_worker':
      return actor.gridId ? eq(ticket.gridId, actor.gridId) : sql`false`;
    case 'resident':
      return eq(ticket.reporterUserId, actor.id);
    case 'department_handler':
      if (!departmentId) return sql`false`;
      return sql`(exists (select 1 from ${ticketAssignment} where ${ticketAssignment.ticketId} = ${ticket.id} and ${ticketAssignment.departmentId} = ${departmentId})
        or exists (select 1 from ${summons} join ${summonsDepartment} on ${summonsDepartment.summonsId} = ${summons.id}
                   where ${summons.ticketId} = ${ticket.id} and ${summonsDepartment.departmentId} = ${departmentId}))`;
    default:
      return sql`false`;
  }
}

export type TicketRow = typeof ticket.$inferSelect;

export async function loadTicket(db: Db, actor: Actor, departmentId: string | null, id: string, forUpdate = false): Promise<TicketRow> {
  const query = db.select().from(ticket).where(and(eq(ticket.id, id), ticketReadable(actor, departmentId)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export function levelRank(level: HandlingLevel): number {
  return HANDLING_LEVELS.indexOf(level);
}

export async function standingOf(db: Db, actor: Actor, departmentId: string | null, t: TicketRow): Promise<Standing> {
  const level = t.level as HandlingLevel;
  const dispatcher =
    actor.role === 'operator' && codeInSubtree(t.regionCode, actor.regionPrefix) && levelRank(levelOfRegion(actor.regionCode)) >= levelRank(level);
  let assignee: Standing['assignee'] = null;
  let assignmentStatus: string | null = null;
  let summoned = false;
  if (departmentId) {
    const [a] = await db
      .select()
      .from(ticketAssignment)
      .where(and(eq(ticketAssignment.ticketId, t.id), eq(ticketAssignment.departmentId, departmentId), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
    if (a) [assignee, assignmentStatus] = [a.lead ? 'lead' : 'assist', a.status];
    const [s] = await db
      .select({ at: summonsDepartment.checkedInAt })
      .from(summonsDepartment)
      .innerJoin(summons, eq(summons.id, summonsDepartment.summonsId))
      .where(and(eq(summons.ticketId, t.id), eq(summonsDepartment.departmentId, departmentId), sql`${summonsDepartment.checkedInAt} is null`));
    summoned = Boolean(s);
  }
  return {
    dispatcher,
    dispatcherLevel: dispatcher ? levelOfRegion(actor.regionCode) : null,
    gridHandler: actor.role === 'grid_worker' && actor.gridId !== null && actor.gridId === t.gridId,
    assignee,
    assignmentStatus,
    summoned,
    reporter: t.reporterUserId !== null && t.reporterUserId === actor.id,
  };
}
