import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Uploaded files (photos, signatures, documents) described here, stored in the FileStore. An
 * upload belongs to its uploader until a record claims it (`owner_type` / `owner_id`); from then
 * on it is readable by whoever may read that record, and no other record can claim it.
 */
export const attachment = pgTable(
  'attachment',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** The FileStore key (`attachments/<id>`). */
    path: text('path').notNull(),
    /** null for an anonymous upload (the public portal). */
    uploadedBy: uuid('uploaded_by'),
    ownerType: text('owner_type'),
    ownerId: uuid('owner_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('attachment_owner_idx').on(t.ownerType, t.ownerId)],
);
