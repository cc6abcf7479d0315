/**
 * Broadcasts (应急广播): the message (texts rendered from a template in both languages), the
 * audience and channels, the workflow state, the preview counts taken at submission and the
 * enqueue cursor (which channel and audience part, and the last id written) so that queuing a
 * city's residents resumes where it stopped. Templates (zh-CN and English, as data) and the
 * street-light loudspeakers that speak a broadcast (until the IoT device registry exists).
 */
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const broadcast = pgTable(
  'broadcast',
  {
    id: uuid('id').primaryKey(),
    number: serial('number').notNull(),
    title: text('title').notNull(),
    regionCode: text('region_code').notNull(),
    templateId: uuid('template_id').notNull(),
    templateName: text('template_name').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    /** { residents, enterprises, gridIds, tag } */
    audience: jsonb('audience').notNull(),
    channels: text('channels').array().notNull(),
    status: text('status').notNull(),
    /** The recipient counts taken when submitted (what the approver approves). */
    preview: jsonb('preview'),
    /** Enqueueing: the step (channel × audience part) under way and the last id written in it. */
    enqueueStep: integer('enqueue_step').notNull().default(0),
    enqueueCursor: text('enqueue_cursor'),
    queuedAll: boolean('queued_all').notNull().default(false),
    note: text('note'),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    approvedBy: uuid('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('broadcast_region_idx').on(sql`${t.regionCode} text_pattern_ops`), index('broadcast_sending_idx').on(t.status).where(sql`${t.status} in ('approved', 'sending')`)],
);

export const broadcastTemplate = pgTable(
  'broadcast_template',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** null: shipped with the product (read-only). */
    regionCode: text('region_code'),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('broadcast_template_region_key').on(sql`coalesce(${t.regionCode}, '')`, t.key)],
);

/** A street-light loudspeaker: a device the gateway reaches by its id. */
export const loudspeaker = pgTable(
  'loudspeaker',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    deviceId: text('device_id').notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('loudspeaker_device_key').on(t.deviceId), index('loudspeaker_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);
