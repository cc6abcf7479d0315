/**
 * Gate access records (门禁出入记录): one narrow row per passage through a compound's gate. Kept
 * narrow and keyed by (resident_id, at) so it can be partitioned by time later; idempotent by
 * the gate system's own record id.
 */
import { bigserial, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accessRecord = pgTable(
  'access_record',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: uuid('resident_id').notNull(),
    /** building or venue (registers). */
    compoundType: text('compound_type').notNull(),
    compoundId: uuid('compound_id').notNull(),
    /** The compound's community and grid, copied at ingest (scope without a join). */
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id').notNull(),
    /** in or out. */
    direction: text('direction').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    gateId: text('gate_id').notNull(),
    sourceRecordId: text('source_record_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('access_record_source_key').on(t.gateId, t.sourceRecordId),
    index('access_record_resident_at_idx').on(t.residentId, t.at),
    index('access_record_compound_at_idx').on(t.compoundId, t.at),
  ],
);
