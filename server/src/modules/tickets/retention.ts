/**
 * Retention of reporters' details: once a ticket has ended (closed, rejected, merged) longer ago
 * than the period, its reporter's name and phone are removed (the ticket, its place, category and
 * history stay for the statistics). Done in batches; a ticket already anonymised is not counted again.
 */
import { sql } from 'drizzle-orm';
import { ENDED_TICKET_STATUSES } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import type { RetentionRule } from '../../platform/retention/retention.js';

const BATCH = 5000;
const ENDED = sql.raw(`(${ENDED_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export const reporterRetention: RetentionRule = {
  kind: 'ticket-reporter',
  what: "tickets' reporter name and phone, counted from the ticket's end (closed, rejected, merged)",
  defaultDays: 730,
  purge: async (kit, before) => {
    let total = 0;
    for (;;) {
      const changed = await rows<{ id: string }>(
        kit.db,
        sql`update ticket set reporter_name = null, reporter_phone_cipher = null, reporter_phone_hash = null, reporter_phone_masked = null
            where id in (
              select id from ticket
              where status in ${ENDED} and coalesce(closed_at, updated_at) < ${before.toISOString()}
                and (reporter_name is not null or reporter_phone_cipher is not null or reporter_phone_masked is not null)
              limit ${BATCH})
            returning id`,
      );
      total += changed.length;
      if (changed.length < BATCH) return total;
    }
  },
};
