/** The summons board (吹哨报到): who was summoned to which ticket, who has checked in, who is late. */
import { and, desc, inArray, isNull, sql } from 'drizzle-orm';
import type { SummonsItem } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { departmentNames } from '../departments/queries.js';
import { ticketReadable } from './ticket-access.js';
import { summons, summonsDepartment, ticket } from './tables.js';

export async function summonsBoard(db: Db, actor: Actor, now: Date, status: 'open' | 'all'): Promise<SummonsItem[]> {
  const rows = await db
    .select({ s: summons, number: ticket.number, description: ticket.description })
    .from(summons)
    .innerJoin(ticket, sql`${ticket.id} = ${summons.ticketId}`)
    .where(
      and(
        ticketReadable(actor),
        status === 'open'
          ? sql`exists (select 1 from ${summonsDepartment} where ${summonsDepartment.summonsId} = ${summons.id} and ${isNull(summonsDepartment.checkedInAt)})`
          : undefined,
      ),
    )
    .orderBy(desc(summons.createdAt))
    .limit(200);
  const ids = rows.map((r) => r.s.id);
  const parts = ids.length ? await db.select().from(summonsDepartment).where(inArray(summonsDepartment.summonsId, ids)) : [];
  const names = await departmentNames(db, parts.map((p) => p.departmentId));
  return rows.map(({ s, number, description }) => ({
    id: s.id,
    ticketId: s.ticketId,
    ticketNumber: number,
    description,
    note: s.note,
    createdAt: s.createdAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    departments: parts
      .filter((p) => p.summonsId === s.id)
      .map((p) => ({
        departmentId: p.departmentId,
        departmentName: names.get(p.departmentId) ?? '',
        checkedInAt: p.checkedInAt?.toISOString() ?? null,
        action: p.action,
        late: p.checkedInAt === null ? now > s.dueAt : p.checkedInAt > s.dueAt,
      })),
  }));
}
