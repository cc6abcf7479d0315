/**
 * The disputes of villages in a month, for the no-petition villages (modules/petitions), per
 * village or community: those unresolved past their deadline when the month ended (registered
 * before its end, deadline before the next month's first day, not closed or failed by then),
 * and those concluded in the month (closed or failed) and resolved (closed with success).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';

export interface VillageDisputes {
  overdue: number;
  concluded: number;
  resolved: number;
}

export async function disputesByVillage(db: Db, q: { regionPrefix: string; from: Date; to: Date; nextMonthFirstDay: string }): Promise<Map<string, VillageDisputes>> {
  const from = q.from.toISOString();
  const to = q.to.toISOString();
  const ended = sql`(d.status in ('closed', 'failed') and d.updated_at < ${to}::timestamptz)`;
  const found = await rows<{ region_code: string; overdue: number; concluded: number; resolved: number }>(
    db,
    sql`select d.region_code,
        (count(*) filter (where d.deadline < ${q.nextMonthFirstDay}::date and not ${ended}))::int as overdue,
        (count(*) filter (where d.status in ('closed', 'failed') and d.updated_at >= ${from}::timestamptz and d.updated_at < ${to}::timestamptz))::int as concluded,
        (count(*) filter (where d.status = 'closed' and coalesce((d.resolution ->> 'success')::boolean, false) and d.updated_at >= ${from}::timestamptz and d.updated_at < ${to}::timestamptz))::int as resolved
      from dispute d
      where d.region_code like ${`${q.regionPrefix}%`} and d.created_at < ${to}::timestamptz
      group by d.region_code`,
  );
  return new Map(found.map((r) => [r.region_code, { overdue: r.overdue, concluded: r.concluded, resolved: r.resolved }]));
}
