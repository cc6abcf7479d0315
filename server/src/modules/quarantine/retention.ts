/**
 * How long quarantine data is kept (the platform's daily retention job; `GRIDGOV_RETAIN_QUARANTINE_DAYS`):
 * an order that ended (released, lost, transferred, cancelled) longer ago than the period is
 * deleted with its follow-ups and timeline.
 */
import { and, inArray, lt, notInArray } from 'drizzle-orm';
import { ACTIVE_QUARANTINE_STATUSES } from '@gridgov/contracts';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { quarantineFollowup, quarantineOrder, quarantineOrderEvent } from './tables.js';

export const quarantineRetention: RetentionRule[] = [
  {
    kind: 'quarantine',
    what: 'quarantine orders that ended, with their daily follow-ups (temperatures, symptoms, tests) and timeline',
    defaultDays: 180,
    purge: async (kit, before) =>
      kit.db.transaction(async (tx) => {
        const ended = await tx
          .delete(quarantineOrder)
          .where(and(notInArray(quarantineOrder.status, [...ACTIVE_QUARANTINE_STATUSES]), lt(quarantineOrder.updatedAt, before)))
          .returning({ id: quarantineOrder.id });
        const ids = ended.map((o) => o.id);
        for (let i = 0; i < ids.length; i += 1000) {
          const part = ids.slice(i, i + 1000);
          await tx.delete(quarantineFollowup).where(inArray(quarantineFollowup.orderId, part));
          await tx.delete(quarantineOrderEvent).where(inArray(quarantineOrderEvent.orderId, part));
        }
        return ids.length;
      }),
  },
];
