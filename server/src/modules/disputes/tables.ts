import { sql } from 'drizzle-orm';
import { customType, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Numbers of disputes (JF00000001), drawn at registration. */
export const disputeNumberSeq = pgSequence('dispute_number_seq');

/**
 * A dispute (矛盾纠纷) of a grid: the register's answers (form `disputes.register`, parties
 * removed), where it stands in mediation, its agreement and its resolution.
 */
export const dispute = pgTable(
  'dispute',
  {
    id: uuid('id').primaryKey(),
    /** JF and eight digits: what the ticket it may be escalated into shows of it. */
    number: text('number').notNull().default(sql`('JF' || lpad(nextval('dispute_number_seq')::text, 8, '0'))`),
    gridId: uuid('grid_id').notNull(),
    /** The grid's community code. */
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    scale: text('scale').notNull(),
    occurredOn: date('occurred_on').notNull(),
    deadline: date('deadline').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    /** The answers without the parties (they are rows of `dispute_party`). */
    answers: jsonb('answers').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    mediatorLevel: text('mediator_level'),
    /** The mediating department (a justice office...), whose handlers then see the dispute. */
    departmentId: uuid('department_id'),
    mediatorName: text('mediator_name'),
    resolutionWay: text('resolution_way'),
    /** { terms, fulfilmentWay, fulfilmentDeadline, agreedOn } once agreed. */
    agreement: jsonb('agreement'),
    /** Follow-up, closing, referral or escalation facts ({ fulfilled, success, outcome, evaluatedOn, opinion, referral }). */
    resolution: jsonb('resolution'),
    /** The ticket it was escalated into (chosen at the escalation, filed just after; the tickets module's record). */
    ticketId: uuid('ticket_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('dispute_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.createdAt),
    index('dispute_grid_idx').on(t.gridId),
    uniqueIndex('dispute_number_idx').on(t.number),
    uniqueIndex('dispute_ticket_idx').on(t.ticketId).where(sql`${t.ticketId} is not null`),
    index('dispute_department_idx').on(t.departmentId).where(sql`${t.departmentId} is not null`),
  ],
);

/** A main party of a dispute: ID number and phone encrypted, hashed and masked as the registers keep them. */
export const disputeParty = pgTable(
  'dispute_party',
  {
    disputeId: uuid('dispute_id').notNull().references(() => dispute.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    partyCategory: text('party_category').notNull(),
    /** GA/T 517 document type code (111 resident ID card...). */
    idType: text('id_type').notNull(),
    idCipher: bytea('id_cipher'),
    /** Keyed hash of the normalised number: the repeat-parties warning counts by it. */
    idHash: bytea('id_hash'),
    idMasked: text('id_masked'),
    sex: text('sex'),
    ethnicGroup: text('ethnic_group'),
    education: text('education'),
    phoneCipher: bytea('phone_cipher'),
    phoneMasked: text('phone_masked'),
    address: text('address'),
  },
  (t) => [primaryKey({ columns: [t.disputeId, t.seq] }), index('dispute_party_id_hash_idx').on(t.idHash)],
);

/** A mediation session (调解记录): when, where, who, what was said. */
export const mediationSession = pgTable(
  'dispute_session',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull().references(() => dispute.id),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    attendees: text('attendees').notNull(),
    notes: text('notes').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dispute_session_dispute_idx').on(t.disputeId, t.heldOn)],
);

export type DisputeRow = typeof dispute.$inferSelect;
export type DisputePartyRow = typeof disputeParty.$inferSelect;
