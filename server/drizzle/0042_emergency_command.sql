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
CREATE TABLE "callout_call" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"digits" text DEFAULT '' NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "callout_campaign" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"script" jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"windows" jsonb NOT NULL,
	"concurrency" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"retry_minutes" integer NOT NULL,
	"simulator" jsonb NOT NULL,
	"prompts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callout_target" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"resident_id" uuid,
	"household_id" uuid,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"name_masked" text NOT NULL,
	"phone_masked" text,
	"phone_hash" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_result" text,
	"next_at" timestamp with time zone,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callout_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"resident_id" uuid,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"question_key" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"done_note" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "traffic_control" (
	"id" uuid PRIMARY KEY NOT NULL,
	"control_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "traffic_control_control_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"event_id" uuid,
	"geometry" jsonb NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"description" text,
	"public" boolean NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "driver" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone_cipher" "bytea" NOT NULL,
	"phone_hash" "bytea" NOT NULL,
	"phone_masked" text NOT NULL,
	"licence_class" text NOT NULL,
	"region_code" text NOT NULL,
	"user_id" uuid,
	"resident_id" uuid,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "shipment_shipment_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"request_id" uuid,
	"return_of" uuid,
	"from_warehouse_id" uuid,
	"from_name" text NOT NULL,
	"from_region_code" text NOT NULL,
	"from_grid_id" uuid,
	"from_lng" double precision NOT NULL,
	"from_lat" double precision NOT NULL,
	"to_warehouse_id" uuid,
	"to_name" text NOT NULL,
	"to_region_code" text NOT NULL,
	"to_grid_id" uuid,
	"to_lng" double precision NOT NULL,
	"to_lat" double precision NOT NULL,
	"vehicle_id" uuid,
	"driver_id" uuid,
	"driver_user_id" uuid,
	"planned_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"last_lng" double precision,
	"last_lat" double precision,
	"last_at" timestamp with time zone,
	"note" text,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_discrepancy" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" bigint NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"quantity" bigint NOT NULL,
	"allocation_id" uuid,
	"return_of_line" uuid,
	"reason" text,
	"lots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"received" bigint,
	CONSTRAINT "shipment_line_positive" CHECK ("shipment_line"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_track" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "vehicle" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plate_no" text NOT NULL,
	"kind" text NOT NULL,
	"capacity_kg" integer NOT NULL,
	"capacity_m3" double precision,
	"region_code" text NOT NULL,
	"warehouse_id" uuid,
	"status" text NOT NULL,
	"note" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "outbox_due_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "bulk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dedup_key" text;--> statement-breakpoint
ALTER TABLE "stock_move" ADD COLUMN "shipment_id" uuid;--> statement-breakpoint
ALTER TABLE "supply_request" ADD COLUMN "event_id" uuid;--> statement-breakpoint
CREATE INDEX "broadcast_region_idx" ON "broadcast" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "broadcast_sending_idx" ON "broadcast" USING btree ("status") WHERE "broadcast"."status" in ('approved', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_template_region_key" ON "broadcast_template" USING btree (coalesce("region_code", ''),"key");--> statement-breakpoint
CREATE UNIQUE INDEX "loudspeaker_device_key" ON "loudspeaker" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "loudspeaker_region_idx" ON "loudspeaker" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "callout_call_attempt_key" ON "callout_call" USING btree ("target_id","attempt");--> statement-breakpoint
CREATE INDEX "callout_call_campaign_idx" ON "callout_call" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "callout_campaign_region_idx" ON "callout_campaign" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "callout_target_seq_key" ON "callout_target" USING btree ("campaign_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "callout_target_resident_key" ON "callout_target" USING btree ("campaign_id","resident_id");--> statement-breakpoint
CREATE INDEX "callout_target_due_idx" ON "callout_target" USING btree ("campaign_id","status","next_at");--> statement-breakpoint
CREATE INDEX "callout_target_calling_idx" ON "callout_target" USING btree ("phone_hash") WHERE "callout_target"."status" = 'calling';--> statement-breakpoint
CREATE UNIQUE INDEX "callout_task_answer_key" ON "callout_task" USING btree ("target_id","question_key");--> statement-breakpoint
CREATE INDEX "callout_task_grid_idx" ON "callout_task" USING btree ("grid_id","status");--> statement-breakpoint
CREATE INDEX "callout_task_region_idx" ON "callout_task" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "traffic_control_no_key" ON "traffic_control" USING btree ("control_no");--> statement-breakpoint
CREATE INDEX "traffic_control_region_idx" ON "traffic_control" USING btree ("region_code" text_pattern_ops,"start_at");--> statement-breakpoint
CREATE INDEX "traffic_control_event_idx" ON "traffic_control" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "driver_region_idx" ON "driver" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "driver_user_idx" ON "driver" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_no_key" ON "shipment" USING btree ("shipment_no");--> statement-breakpoint
CREATE INDEX "shipment_from_region_idx" ON "shipment" USING btree ("from_region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "shipment_to_region_idx" ON "shipment" USING btree ("to_region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "shipment_request_idx" ON "shipment" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "shipment_driver_idx" ON "shipment" USING btree ("driver_user_id","status");--> statement-breakpoint
CREATE INDEX "shipment_discrepancy_idx" ON "shipment_discrepancy" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "shipment_event_idx" ON "shipment_event" USING btree ("shipment_id","id");--> statement-breakpoint
CREATE INDEX "shipment_line_shipment_idx" ON "shipment_line" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "shipment_line_allocation_idx" ON "shipment_line" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "shipment_track_idx" ON "shipment_track" USING btree ("shipment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_plate_key" ON "vehicle" USING btree ("plate_no");--> statement-breakpoint
CREATE INDEX "vehicle_region_idx" ON "vehicle" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "outbox_bulk_due_idx" ON "outbox" USING btree ("channel","next_attempt_at") WHERE "outbox"."status" = 'pending' and "outbox"."bulk";--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedup_key" ON "outbox" USING btree ("dedup_key") WHERE "outbox"."dedup_key" is not null;--> statement-breakpoint
CREATE INDEX "supply_request_for_event_idx" ON "supply_request" USING btree ("event_id");--> statement-breakpoint
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
--> statement-breakpoint
-- The emergency events' dashboard facts: under way now (not closed) and reported, by the China day it was reported, at the event's region.
CREATE FUNCTION emergency_event_metric_facts(e emergency_event) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('emergency.reported', metric_day(e.created_at), '', 1)::metric_fact]
    || CASE WHEN e.status <> 'closed' THEN ARRAY[ROW('emergency.open', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION emergency_event_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN emergency_event_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN emergency_event_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_emergency_event AFTER INSERT OR UPDATE OR DELETE ON emergency_event FOR EACH ROW EXECUTE FUNCTION emergency_event_metrics_changed();
--> statement-breakpoint
-- The supply requests' dashboard facts: waiting now (submitted, approved, allocated) and fulfilled, by the China day of the last change, at the request's region and grid.
CREATE FUNCTION supply_request_metric_facts(r supply_request) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN r.status IN ('submitted', 'approved', 'allocated') THEN ARRAY[ROW('supplies.requests_waiting', NULL, '', 1)::metric_fact]
    WHEN r.status = 'fulfilled' THEN ARRAY[ROW('supplies.requests_fulfilled', metric_day(r.updated_at), '', 1)::metric_fact]
    ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION supply_request_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN supply_request_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN supply_request_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_supply_request AFTER INSERT OR UPDATE OR DELETE ON supply_request FOR EACH ROW EXECUTE FUNCTION supply_request_metrics_changed();
