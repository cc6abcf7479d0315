import type { HandlingLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { findActiveCategory } from './categories.js';
import type { TicketRow } from './ticket-access.js';

/** The ticket's level moves up; its dispatch limit starts again at the new level. */
export async function escalation(tx: Db, t: TicketRow, to: HandlingLevel, now: Date): Promise<Partial<TicketRow>> {
  const category = await findActiveCategory(tx, t.categoryId).catch(() => null);
  const minutes = category?.dispatchMinutes ?? 24 * 60;
  return { level: to, dispatchDueAt: new Date(now.getTime() + minutes * 60_000) };
}

