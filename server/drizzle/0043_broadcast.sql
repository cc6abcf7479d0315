CREATE TABLE "outbox_tally" (
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"channel" text NOT NULL,
	"bucket" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "outbox_tally_subject_type_subject_id_channel_bucket_pk" PRIMARY KEY("subject_type","subject_id","channel","bucket")
);
--> statement-breakpoint
CREATE TABLE "broadcast" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" serial NOT NULL,
	"title" text NOT NULL,
	"region_code" text NOT NULL,
	"template_id" uuid NOT NULL,
	"template_name" text NOT NULL,
	"params" jsonb NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"audience" jsonb NOT NULL,
	"channels" text[] NOT NULL,
	"status" text NOT NULL,
	"preview" jsonb,
	"enqueue_step" integer DEFAULT 0 NOT NULL,
	"enqueue_cursor" text,
	"queued_all" boolean DEFAULT false NOT NULL,
	"note" text,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "broadcast_template" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"region_code" text,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loudspeaker" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"device_id" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "outbox_due_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "bulk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dedup_key" text;--> statement-breakpoint
CREATE INDEX "broadcast_region_idx" ON "broadcast" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "broadcast_sending_idx" ON "broadcast" USING btree ("status") WHERE "broadcast"."status" in ('approved', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_template_region_key" ON "broadcast_template" USING btree (coalesce("region_code", ''),"key");--> statement-breakpoint
CREATE UNIQUE INDEX "loudspeaker_device_key" ON "loudspeaker" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "loudspeaker_region_idx" ON "loudspeaker" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "outbox_bulk_due_idx" ON "outbox" USING btree ("channel","next_attempt_at") WHERE "outbox"."status" = 'pending' and "outbox"."bulk";--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedup_key" ON "outbox" USING btree ("dedup_key") WHERE "outbox"."dedup_key" is not null;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending' and not "outbox"."bulk";--> statement-breakpoint
-- The delivery counts of bulk messages (outbox_tally), kept by statement-level triggers: each
-- statement on the outbox adds the change of its bulk rows per subject, channel and bucket.
CREATE FUNCTION outbox_tally_bucket(status text, attempts integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN status = 'pending' AND attempts = 0 THEN 'queued'
    WHEN status = 'sending' AND attempts <= 1 THEN 'queued'
    WHEN status IN ('pending', 'sending') THEN 'retrying'
    WHEN status IN ('failed', 'expired') THEN 'failed'
    ELSE status END
$$;--> statement-breakpoint
CREATE FUNCTION outbox_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_tally (subject_type, subject_id, channel, bucket, n)
  SELECT subject_type, subject_id, channel, outbox_tally_bucket(status, attempts), count(*)
  FROM new_rows WHERE bulk AND subject_type IS NOT NULL AND subject_id IS NOT NULL
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (subject_type, subject_id, channel, bucket) DO UPDATE SET n = outbox_tally.n + excluded.n;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION outbox_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox_tally (subject_type, subject_id, channel, bucket, n)
  SELECT st, sid, ch, b, sum(d) FROM (
    SELECT subject_type AS st, subject_id AS sid, channel AS ch, outbox_tally_bucket(status, attempts) AS b, -1 AS d
      FROM old_rows WHERE bulk AND subject_type IS NOT NULL AND subject_id IS NOT NULL
    UNION ALL
    SELECT subject_type, subject_id, channel, outbox_tally_bucket(status, attempts), 1
      FROM new_rows WHERE bulk AND subject_type IS NOT NULL AND subject_id IS NOT NULL
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (subject_type, subject_id, channel, bucket) DO UPDATE SET n = outbox_tally.n + excluded.n;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER outbox_tally_insert AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outbox_tally_insert();--> statement-breakpoint
CREATE TRIGGER outbox_tally_update AFTER UPDATE ON outbox REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outbox_tally_update();
