import { sql } from 'drizzle-orm';
import { customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * An arrival reported by a checkpoint (人员出入境排查): one person on one trip. The document
 * number is kept like residents keep it (encrypted, keyed hash, masked copy), the phone encrypted
 * and masked. Where it is: the matched resident's grid and region, or, unmatched, the region that
 * imported it (`grid_id` null). The same person on the same trip at the same time is one arrival
 * (`arrival_trip_key`): a re-import adds nothing.
 */
export const arrival = pgTable(
  'arrival',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    idType: text('id_type').notNull(),
    idCipher: bytea('id_cipher').notNull(),
    idHash: bytea('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    phoneCipher: bytea('phone_cipher'),
    phoneMasked: text('phone_masked'),
    transportMode: text('transport_mode').notNull(),
    /** Train number, flight number or plate (车次/航班号/车牌); '' when none was given (part of the key). */
    transportNumber: text('transport_number').notNull(),
    carriage: text('carriage'),
    seat: text('seat'),
    origin: text('origin'),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    /** The checkpoint that reported it (a station, an airport, a toll gate). */
    checkpoint: text('checkpoint'),
    /** How it came: `import` (a checkpoint's list). */
    source: text('source').notNull(),
    importId: uuid('import_id'),
    /** The region of whoever imported it: an unmatched arrival stays there. */
    importRegionCode: text('import_region_code').notNull(),
    residentId: uuid('resident_id'),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    status: text('status').notNull(),
    checkedBy: uuid('checked_by'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkNote: text('check_note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('arrival_trip_key').on(t.idHash, t.transportNumber, t.arrivedAt),
    index('arrival_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.arrivedAt),
    index('arrival_grid_idx').on(t.gridId, t.status, t.arrivedAt),
    /** Fellow travellers: the same train or flight around the same time (tracing). */
    index('arrival_transport_idx').on(t.transportNumber, t.arrivedAt),
  ],
);
