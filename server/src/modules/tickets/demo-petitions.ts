/**
 * Petitions (信访) for the demo and the tests: tickets under the `petition` categories filed at
 * given villages and instants, at a level (county or city: went past the township) and with a
 * number of people; closed when filed more than a month ago. Written straight into the tickets'
 * own tables with their report step on the timeline (the history is invented, not acted).
 */
import { randomUUID } from 'node:crypto';
import type { HandlingLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { localDate } from '../../platform/time-zone.js';
import { ticket, ticketEvent } from './tables.js';
import { PETITION_PEOPLE_FIELD } from './categories.js';

export interface DemoPetition {
  regionCode: string;
  gridId: string | null;
  /** A leaf code under `petition` (petition.land ...). */
  category: string;
  at: Date;
  level: HandlingLevel;
  people?: number;
  description: string;
}

let serial = 0;

export async function insertPetitions(db: Db, categoryIds: ReadonlyMap<string, string>, petitions: readonly DemoPetition[], now: Date): Promise<string[]> {
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (const p of petitions) {
      const categoryId = categoryIds.get(p.category);
      if (!categoryId) throw new Error(`no category ${p.category}`);
      const id = randomUUID();
      const closed = now.getTime() - p.at.getTime() > 31 * 86_400_000;
      serial++;
      await tx.insert(ticket).values({
        id,
        number: `${localDate(p.at).replaceAll('-', '')}-P${String(serial).padStart(5, '0')}${id.slice(0, 4)}`,
        source: 'hotline',
        categoryId,
        description: p.description,
        gridId: p.gridId,
        regionCode: p.regionCode,
        level: p.level,
        status: closed ? 'closed' : 'accepted',
        publicStatus: closed ? 'resolved' : 'in_progress',
        customFields: p.people === undefined ? {} : { [PETITION_PEOPLE_FIELD]: p.people },
        createdAt: p.at,
        updatedAt: p.at,
        closedAt: closed ? new Date(p.at.getTime() + 20 * 86_400_000) : null,
      });
      await tx.insert(ticketEvent).values({ ticketId: id, seq: 1, action: 'report', at: p.at, actorName: '信访接待', toStatus: 'reported', public: true });
      ids.push(id);
    }
  });
  return ids;
}
