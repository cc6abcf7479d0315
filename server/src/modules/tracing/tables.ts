/**
 * Cases and contacts. A case is one person (a registered resident, or a name and a document kept
 * like arrivals keep them: encrypted, keyed hash, masked copy) with its dates, status and place
 * (the resident's grid, or the region that recorded it). A contact is one person found for one
 * case (`(case_id, person_key)` is unique), with the evidence, where they live or were met (their
 * scope), and the follow-up: it lasts until `follow_until`, which each later exposure moves on.
 * The rule that found them is versioned data (`tracing_rule`).
 */
import { sql } from 'drizzle-orm';
import { bigserial, customType, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const epiCase = pgTable(
  'epi_case',
  {
    id: uuid('id').primaryKey(),
    /** The short number (C12) the chain of transmission shows. */
    caseNo: integer('case_no').generatedAlwaysAsIdentity().notNull(),
    /** The key check-ins and contacts know the person by (the resident's id, or the document's key). */
    personKey: uuid('person_key').notNull(),
    residentId: uuid('resident_id'),
    /** Known by a document only: the name and the document. */
    name: text('name'),
    idCipher: bytea('id_cipher'),
    idHash: bytea('id_hash'),
    idMasked: text('id_masked'),
    status: text('status').notNull(),
    onsetDate: date('onset_date'),
    samplingDate: date('sampling_date'),
    isolatedAt: timestamp('isolated_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** The case it caught it from (a contact of that case became this case). */
    sourceCaseId: uuid('source_case_id'),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    note: text('note'),
    ruleVersion: integer('rule_version'),
    tracedAt: timestamp('traced_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('epi_case_no_key').on(t.caseNo),
    index('epi_case_person_idx').on(t.personKey),
    index('epi_case_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('epi_case_source_idx').on(t.sourceCaseId),
  ],
);

/** Every step of a case, in order. */
export const epiCaseEvent = pgTable(
  'epi_case_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('epi_case_event_case_idx').on(t.caseId, t.id)],
);

export const epiContact = pgTable(
  'epi_contact',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    personKey: uuid('person_key').notNull(),
    /** r resident, a portal account, d document (as check-ins keep it). */
    personKind: text('person_kind').notNull(),
    residentId: uuid('resident_id'),
    /** Known from a trip or an interview: the name (shown masked). */
    name: text('name'),
    degree: smallint('degree').notNull(),
    /** A secondary contact's close contact. */
    viaContactId: uuid('via_contact_id'),
    kinds: text('kinds').array().notNull(),
    /** [{ kind: 'venue', venueId, ... } | { kind: 'trip', ... } | { kind: 'household' } | { kind: 'manual', ... }] */
    evidence: jsonb('evidence').notNull(),
    firstExposureAt: timestamp('first_exposure_at', { withTimezone: true }).notNull(),
    lastExposureAt: timestamp('last_exposure_at', { withTimezone: true }).notNull(),
    followUntil: timestamp('follow_until', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    /** Where the contact lives (a resident) or was met (the venue, the case's region): who follows it up. */
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('epi_contact_case_person_key').on(t.caseId, t.personKey),
    index('epi_contact_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('epi_contact_grid_idx').on(t.gridId, t.status),
    index('epi_contact_person_idx').on(t.personKey),
  ],
);

/** The rule's versions: the newest is in force; each trace records the version it used. */
export const tracingRuleTable = pgTable('tracing_rule', {
  version: integer('version').primaryKey(),
  params: jsonb('params').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
