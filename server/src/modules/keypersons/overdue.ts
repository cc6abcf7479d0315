/**
 * Overdue-visit alerts: a recurring durable job finds archives whose visit fell due without a
 * visit and tells the responsible worker, the grid's workers and the community's operators,
 * once per missed due date. Audited as the system's act. The notice names no person.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { notify } from '../../platform/notifications/notify.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { localDate } from '../../platform/time-zone.js';
import { keyPerson } from './tables.js';

export const OVERDUE_SCAN_MS = 15 * 60 * 1000;

/** Sends the alerts due at the clock's now; returns how many archives were alerted. */
export async function alertOverdueVisits(kit: Pick<Kit, 'registry'>, db: Db, clock: Clock, batch = 500): Promise<number> {
  const now = clock.now();
  const due = await db
    .select()
    .from(keyPerson)
    .where(and(lt(keyPerson.nextVisitDue, now), or(isNull(keyPerson.overdueAlertedFor), sql`${keyPerson.overdueAlertedFor} <> ${keyPerson.nextVisitDue}`)))
    .orderBy(keyPerson.nextVisitDue)
    .limit(batch);
  if (due.length === 0) return 0;
  const ctx = systemContext(clock, 'keypersons.overdue');
  await db.transaction(async (tx) => {
    for (const k of due) {
      await notify(tx, kit.registry.audiences, now, [
        {
          subject: { type: 'key_person', id: k.id },
          kind: 'key_person.visit_overdue',
          params: { due: localDate(k.nextVisitDue) },
          audiences: [
            { kind: 'users', userIds: [k.workerId] },
            { kind: 'accounts_at', permission: 'keyperson:visit', gridId: k.gridId },
            { kind: 'accounts_at', permission: 'keyperson:read', regionCode: k.regionCode },
          ],
        },
      ]);
      await tx.update(keyPerson).set({ overdueAlertedFor: k.nextVisitDue }).where(eq(keyPerson.id, k.id));
      await writeAudit(tx, ctx, { action: 'key_person.overdue', objectType: 'key_person', objectId: k.id, regionCode: k.regionCode, details: { due: k.nextVisitDue.toISOString(), lastVisitAt: k.lastVisitAt?.toISOString() ?? null } });
    }
  });
  return due.length;
}

export const overdueJob = (kit: Pick<Kit, 'registry'>) =>
  defineJob({
    name: 'keypersons.overdue',
    payload: z.object({}),
    repeatEveryMs: OVERDUE_SCAN_MS,
    async handle(_payload, { db, clock }) {
      while ((await alertOverdueVisits(kit, db, clock)) === 500);
    },
  });
