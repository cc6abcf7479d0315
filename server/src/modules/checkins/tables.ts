import { char, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One person at one venue (场所码登记), kept compact because a city writes millions a day: the
 * venue, the person key, the two times, the source and the venue's place (copied, so scope and
 * purges need no join). Partitioned by range on `checked_in_at`, one partition per local day
 * (migration 0034 turns this table into `PARTITION BY RANGE`; drizzle does not model it), so a
 * day past the retention is dropped as a whole. The primary key holds the partition column:
 * one person checks in at one venue at one instant once (the natural key a re-import meets).
 *
 * The person key is a uuid: the resident's id when the person is matched to the register, the
 * portal account's id when a resident account checked in, else the first 16 bytes of the keyed
 * hash of the document number (`person_kind` says which: r, a, d).
 */
export const venueCheckin = pgTable(
  'venue_checkin',
  {
    venueId: uuid('venue_id').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    personKey: uuid('person_key').notNull(),
    /** r: resident id, a: account id, d: document hash. */
    personKind: char('person_kind', { length: 1 }).notNull(),
    /** Null while open: an open check-in counts until the end of its day. */
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** p: portal, f: feed, g: access gate. */
    source: char('source', { length: 1 }).notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
  },
  (t) => [
    // "Who was at venue V between t1 and t2" (the key's order serves it), and the natural key.
    // Migration 0035 adds INCLUDE (checked_out_at, person_kind, source), which drizzle does not
    // model: tracing reads a venue's range from the key alone (index-only scans).
    primaryKey({ name: 'venue_checkin_pkey', columns: [t.venueId, t.checkedInAt, t.personKey] }),
    // "Where was person P between t1 and t2", and a person's open check-in.
    index('venue_checkin_person_idx').on(t.personKey, t.checkedInAt),
  ],
);
