/**
 * The event closed loop: categories with time limits, tickets with their internal and public
 * status, the timeline of every step, department assignments (joint handling with a lead),
 * extension requests and summonses (吹哨报到). Notifications, the outbox and attachments are the platform's.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes). Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const ticketCategory = pgTable(
  'ticket_category',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The English name, shown when the console is in English (the Chinese one otherwise, or when none). */
    nameEn: text('name_en'),
    parentId: uuid('parent_id'),
    limitClass: text('limit_class').notNull(),
    dispatchMinutes: integer('dispatch_minutes').notNull(),
    handleMinutes: integer('handle_minutes').notNull(),
    customFields: jsonb('custom_fields').notNull().default(sql`'[]'::jsonb`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ticket_category_code_key').on(t.code)],
);

/** The default handling department of a category at a level, per region (a county's own bureau). */
export const categoryDepartment = pgTable(
  'category_department',
  {
    categoryId: uuid('category_id').notNull(),
    level: text('level').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.level, t.departmentId] })],
);

/** Ticket numbers: the day and a running number (20261123-000042). */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1 });

export const ticket = pgTable(
  'ticket',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    source: text('source').notNull(),
    categoryId: uuid('category_id').notNull(),
    description: text('description').notNull(),
    /** MinHash signature of the description's bigrams (similarity.ts): possible duplicates are looked for among tickets sharing a value. */
    textSig: integer('text_sig').array(),
    address: text('address'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    gridId: uuid('grid_id'),
    /** Where the matter is: the grid's community, or the region given when no grid was found. */
    regionCode: text('region_code').notNull(),
    level: text('level').notNull(),
    status: text('status').notNull(),
    publicStatus: text('public_status').notNull(),
    emergency: boolean('emergency').notNull().default(false),
    reporterUserId: uuid('reporter_user_id'),
    reporterName: text('reporter_name'),
    reporterPhoneCipher: bytea('reporter_phone_cipher'),
    reporterPhoneHash: bytea('reporter_phone_hash'),
    reporterPhoneMasked: text('reporter_phone_masked'),
    /** SHA-256 of the secret token a public reporter follows the ticket with. */
    trackingHash: text('tracking_hash'),
    /** The Open311 client that filed it, if any. */
    apiClientId: uuid('api_client_id'),
    customFields: jsonb('custom_fields').notNull().default(sql`'{}'::jsonb`),
    photos: jsonb('photos').notNull().default(sql`'[]'::jsonb`),
    dispatchDueAt: timestamp('dispatch_due_at', { withTimezone: true }),
    handleDueAt: timestamp('handle_due_at', { withTimezone: true }),
    overdue: boolean('overdue').notNull().default(false),
    supervised: boolean('supervised').notNull().default(false),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    reopenUntil: timestamp('reopen_until', { withTimezone: true }),
    duplicateOf: uuid('duplicate_of'),
    /** The record of another module it was filed from ({ type: 'dispute', id, number }): a link, never that record's contents. */
    origin: jsonb('origin').$type<{ type: string; id: string; number: string }>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('ticket_number_key').on(t.number),
    index('ticket_region_status_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('ticket_grid_idx').on(t.gridId),
    index('ticket_created_idx').on(t.createdAt),
    // The literal list is ENDED_TICKET_STATUSES (drizzle-kit loads this file alone, without the contracts).
    index('ticket_open_point_idx').on(t.lon, t.lat).where(sql`${t.status} not in ('closed', 'rejected', 'merged')`),
    index('ticket_reporter_idx').on(t.reporterUserId),
    uniqueIndex('ticket_tracking_hash_key').on(t.trackingHash),
  ],
);

/** Every step of a ticket, in order: the timeline (留痕). */
export const ticketEvent = pgTable(
  'ticket_event',
  {
    ticketId: uuid('ticket_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    departmentId: uuid('department_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    public: boolean('public').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.seq] })],
);

/** A department's part in a ticket; joint handling has several, one of them the lead. */
export const ticketAssignment = pgTable(
  'ticket_assignment',
  {
    ticketId: uuid('ticket_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    lead: boolean('lead').notNull(),
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    note: text('note'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.departmentId] }), index('ticket_assignment_department_idx').on(t.departmentId, t.status)],
);

export const extensionRequest = pgTable(
  'extension_request',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    departmentId: uuid('department_id'),
    requestedBy: uuid('requested_by').notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
    reason: text('reason'),
    status: text('status').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('extension_request_pending_key').on(t.ticketId).where(sql`${t.status} = 'pending'`)],
);

/** "Township blows the whistle, departments report in": named departments summoned to a ticket. */
export const summons = pgTable(
  'summons',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    regionCode: text('region_code').notNull(),
    createdBy: uuid('created_by').notNull(),
    note: text('note'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('summons_region_idx').on(sql`${t.regionCode} text_pattern_ops`), index('summons_ticket_idx').on(t.ticketId)],
);

export const summonsDepartment = pgTable(
  'summons_department',
  {
    summonsId: uuid('summons_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by'),
    action: text('action'),
  },
  (t) => [primaryKey({ columns: [t.summonsId, t.departmentId] })],
);

/** The category suggester's model, trained on closed tickets. */
export const classifierModel = pgTable('classifier_model', {
  id: text('id').primaryKey(),
  model: jsonb('model').notNull(),
  trainedTickets: integer('trained_tickets').notNull(),
  accuracy: jsonb('accuracy'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The daily bulletin (每日通报) of a region. */
export const bulletin = pgTable(
  'bulletin',
  {
    regionCode: text('region_code').notNull(),
    day: text('day').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);
