/**
 * The base registers. Every record belongs to a grid and carries the grid's community code, so
 * scope is a prefix match. Personal data (ID numbers, phones) is stored as AES-GCM ciphertext,
 * a keyed hash for exact search, and the masked form for display and export.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Columns every register shares. */
function recordColumns() {
  return {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id').notNull(),
    /** The grid's community code: its prefixes place the record in every ancestor's subtree. */
    regionCode: text('region_code').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    /** The import job that last wrote the record, if any. */
    importJobId: uuid('import_job_id'),
    notes: text('notes'),
  };
}

export const resident = pgTable(
  'resident',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** Full pinyin without tones and the initials, for search (张三 -> zhangsan, zs). */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    idType: text('id_type').notNull(),
    idCipher: bytea('id_cipher').notNull(),
    idHash: bytea('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    phoneCipher: bytea('phone_cipher'),
    phoneHash: bytea('phone_hash'),
    phoneMasked: text('phone_masked'),
    sex: text('sex'),
    birthDate: date('birth_date'),
    kind: text('kind').notNull(),
    nationality: text('nationality'),
    ethnicity: text('ethnicity'),
    registeredAddress: text('registered_address'),
    address: text('address'),
    dwellingId: uuid('dwelling_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('resident_id_hash_live_key').on(t.idHash).where(sql`${t.deletedAt} is null`),
    index('resident_phone_hash_idx').on(t.phoneHash),
    index('resident_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    index('resident_grid_idx').on(t.gridId),
    index('resident_initials_idx').on(sql`${t.nameInitials} text_pattern_ops`),
    index('resident_dwelling_idx').on(t.dwellingId),
  ],
);

export const household = pgTable(
  'household',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    dwellingId: uuid('dwelling_id'),
    address: text('address'),
  },
  (t) => [
    uniqueIndex('household_grid_number_live_key').on(t.gridId, t.number).where(sql`${t.deletedAt} is null`),
    index('household_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

/** A resident belongs to at most one household at a time. */
export const householdMember = pgTable(
  'household_member',
  {
    householdId: uuid('household_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    relation: text('relation').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.residentId] }),
    uniqueIndex('household_member_resident_key').on(t.residentId),
    uniqueIndex('household_member_one_head_key').on(t.householdId).where(sql`${t.relation} = 'head'`),
  ],
);

export const building = pgTable(
  'building',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address'),
    floors: integer('floors'),
    units: integer('units'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
  },
  (t) => [
    uniqueIndex('building_grid_name_live_key').on(t.gridId, t.name).where(sql`${t.deletedAt} is null`),
    index('building_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const dwelling = pgTable(
  'dwelling',
  {
    ...recordColumns(),
    buildingId: uuid('building_id').notNull(),
    unit: text('unit'),
    floor: integer('floor'),
    room: text('room').notNull(),
    area: doublePrecision('area'),
    use: text('use').notNull(),
  },
  (t) => [
    uniqueIndex('dwelling_building_room_live_key').on(t.buildingId, sql`coalesce(${t.unit}, '')`, t.room).where(sql`${t.deletedAt} is null`),
    index('dwelling_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const venue = pgTable(
  'venue',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    venueCode: text('venue_code').notNull(),
    keyPlace: boolean('key_place').notNull().default(false),
    keyReason: text('key_reason'),
    contactName: text('contact_name'),
    contactPhoneCipher: bytea('contact_phone_cipher'),
    contactPhoneHash: bytea('contact_phone_hash'),
    contactPhoneMasked: text('contact_phone_masked'),
  },
  (t) => [
    uniqueIndex('venue_code_key').on(t.venueCode),
    uniqueIndex('venue_grid_name_live_key').on(t.gridId, t.name).where(sql`${t.deletedAt} is null`),
    index('venue_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const facility = pgTable(
  'facility',
  {
    ...recordColumns(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    status: text('status').notNull(),
    department: text('department'),
  },
  (t) => [
    uniqueIndex('facility_code_live_key').on(t.code).where(sql`${t.deletedAt} is null`),
    index('facility_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const organization = pgTable(
  'organization',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    creditCode: text('credit_code'),
    legalRepresentative: text('legal_representative'),
    contactName: text('contact_name'),
    contactPhoneCipher: bytea('contact_phone_cipher'),
    contactPhoneHash: bytea('contact_phone_hash'),
    contactPhoneMasked: text('contact_phone_masked'),
    address: text('address'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
  },
  (t) => [
    uniqueIndex('organization_credit_code_live_key').on(t.creditCode).where(sql`${t.deletedAt} is null and ${t.creditCode} is not null`),
    uniqueIndex('organization_grid_name_live_key').on(t.gridId, t.name).where(sql`${t.deletedAt} is null`),
    index('organization_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const organizationEmployee = pgTable(
  'organization_employee',
  {
    organizationId: uuid('organization_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    position: text('position'),
    isContact: boolean('is_contact').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.residentId] }), index('organization_employee_resident_idx').on(t.residentId)],
);

/**
 * Every change to a register record, field by field. Personal data appears only masked.
 * Bulk imports write one entry per changed record.
 */
export const registerHistory = pgTable(
  'register_history',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    recordId: uuid('record_id').notNull(),
    version: integer('version').notNull(),
    action: text('action').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('register_history_record_idx').on(t.recordId, t.version)],
);

/**
 * A resident account's real name (实名认证): the name and document it gave (encrypted, keyed hash,
 * masked) and the person key the platform knows it by from then on: the resident's id when the
 * document and name match a live resident, else the document's key (as check-ins and tracing key
 * a person known by a document). One account per document.
 */
export const accountIdentity = pgTable(
  'account_identity',
  {
    accountId: uuid('account_id').primaryKey(),
    name: text('name').notNull(),
    idCipher: bytea('id_cipher').notNull(),
    idHash: bytea('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    personKey: uuid('person_key').notNull(),
    residentId: uuid('resident_id'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('account_identity_id_hash_key').on(t.idHash), index('account_identity_person_idx').on(t.personKey)],
);
