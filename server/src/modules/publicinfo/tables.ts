import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Rumour rebuttals (辟谣) of a region: drafted, published, withdrawn. */
export const rumourRebuttal = pgTable(
  'rumour_rebuttal',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    claim: text('claim').notNull(),
    /** A code of the `rumour_verdict` list. */
    verdict: text('verdict').notNull(),
    evidence: text('evidence').notNull(),
    sourceName: text('source_name').notNull(),
    sourceUrl: text('source_url'),
    /** The claimed evidence files ({id, name, contentType, size}). */
    attachments: jsonb('attachments').$type<{ id: string; name: string; contentType: string; size: number }[]>().notNull().default([]),
    /** Words of claim and evidence as jieba cuts them for search, space-separated and lower-cased. */
    searchTerms: text('search_terms').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rumour_rebuttal_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

/** Hospitals, fever clinics, designated hospitals and community health centres (医院信息). */
export const healthFacility = pgTable(
  'health_facility',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    /** A code of the `health_facility_kind` list. */
    kind: text('kind').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    phone: text('phone').notNull(),
    /** Opening periods per weekday: { mon: ['08:00-12:00'], ... } in the deployment's time zone. */
    hours: jsonb('hours').$type<Record<string, string[]>>().notNull(),
    services: text('services').notNull(),
    active: boolean('active').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('health_facility_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.kind)],
);

/** Residents' questions (在线咨询): asked, answered, then published or rejected. */
export const consultation = pgTable(
  'consultation',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    /** As asked, with phone and ID numbers masked (nobody needs them from a public question). */
    question: text('question').notNull(),
    answer: text('answer'),
    rejectReason: text('reject_reason'),
    /** The signed-in resident who asked (never shown); null for an anonymous question. */
    askedBy: uuid('asked_by'),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    answeredBy: uuid('answered_by'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consultation_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);
