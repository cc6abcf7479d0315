-- The module kit's platform parts (issue 11): attachments claimed by the record that uses them,
-- notifications about any subject as a message kind and parameters, outbox messages rendered
-- when sent and claimed with a lease. Existing rows are carried over.
ALTER TABLE "attachment" ADD COLUMN "owner_type" text;--> statement-breakpoint
ALTER TABLE "attachment" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "attachment" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
-- Files are FileStore keys from now on (they lived at <files dir>/attachments/<id>).
UPDATE "attachment" SET "path" = 'attachments/' || "id";--> statement-breakpoint
-- A photo or step attachment of a ticket belongs to that ticket.
UPDATE "attachment" a SET "owner_type" = 'ticket', "owner_id" = t."id", "claimed_at" = t."created_at"
  FROM "ticket" t WHERE t."photos" @> jsonb_build_array(jsonb_build_object('id', a."id"::text));--> statement-breakpoint
UPDATE "attachment" a SET "owner_type" = 'ticket', "owner_id" = e."ticket_id", "claimed_at" = e."at"
  FROM "ticket_event" e WHERE a."owner_id" IS NULL AND e."attachments" @> jsonb_build_array(jsonb_build_object('id', a."id"::text));--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "subject_id" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Older notifications keep their stored text (shown as is, in any language).
UPDATE "notification" SET "subject_type" = CASE WHEN "ticket_id" IS NULL THEN 'none' ELSE 'ticket' END, "subject_id" = coalesce("ticket_id"::text, ''),
  "params" = jsonb_strip_nulls(jsonb_build_object('text', "title", 'body', "body"));--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "subject_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "subject_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locale" text DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "subject_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
-- Older messages keep their stored text.
UPDATE "outbox" SET "params" = jsonb_strip_nulls(jsonb_build_object('text', coalesce("payload"->>'text', "payload"->>'title')));--> statement-breakpoint
CREATE INDEX "attachment_owner_idx" ON "attachment" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "outbox_claimed_idx" ON "outbox" USING btree ("locked_until") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
ALTER TABLE "notification" DROP COLUMN "ticket_id";--> statement-breakpoint
ALTER TABLE "notification" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "notification" DROP COLUMN "body";
