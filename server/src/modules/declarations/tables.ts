import { sql } from 'drizzle-orm';
import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A health declaration (健康申报): the answers to `declarations.self` without the personal fields,
 * which are kept encrypted, hashed and masked; where it was placed (the matched resident's grid,
 * or the community and grid given); whether the form's alert rules flagged it. A second daily
 * declaration of a person the same day replaces the first: the first stays, `superseded_by` set
 * (the partial unique index keeps one current daily declaration per person and day).
 */
export const declaration = pgTable(
  'declaration',
  {
    id: uuid('id').primaryKey(),
    mode: text('mode').notNull(),
    source: text('source').notNull(),
    /** The local day it was made (Asia/Shanghai), for the daily rule and the day filters. */
    day: date('day', { mode: 'string' }).notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    name: text('name').notNull(),
    idType: text('id_type').notNull(),
    idNumberHash: bytea('id_number_hash').notNull(),
    idNumberCipher: bytea('id_number_cipher').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    phoneHash: bytea('phone_hash').notNull(),
    phoneCipher: bytea('phone_cipher').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    residentId: uuid('resident_id'),
    householdId: uuid('household_id'),
    temperature: doublePrecision('temperature'),
    abnormal: boolean('abnormal').notNull(),
    alerts: jsonb('alerts').$type<unknown[]>().notNull(),
    recordedBy: uuid('recorded_by'),
    supersededBy: uuid('superseded_by'),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('declaration_daily_uq').on(t.idNumberHash, t.day).where(sql`${t.mode} = 'daily' and ${t.supersededBy} is null`),
    index('declaration_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.day),
    index('declaration_grid_idx').on(t.gridId, t.day),
    index('declaration_person_idx').on(t.idNumberHash, t.declaredAt),
    index('declaration_household_idx').on(t.householdId, t.declaredAt),
  ],
);
