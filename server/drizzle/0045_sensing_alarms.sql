CREATE TABLE "device_alarm" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"device_code" text NOT NULL,
	"type" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"repeats" integer DEFAULT 1 NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"lng" double precision,
	"lat" double precision,
	"person_id" uuid,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"ticket_id" uuid,
	"warning_id" uuid,
	"notified_user_id" uuid,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "device_command" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"result" text
);
--> statement-breakpoint
CREATE TABLE "watch_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"value_hash" "bytea" NOT NULL,
	"hint" text NOT NULL,
	"label" text NOT NULL,
	"region_code" text NOT NULL,
	"severity" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "compound_type" text;--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "compound_id" uuid;--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "heading" double precision;--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "fov_deg" double precision;--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "range_m" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "device_alarm_period_key" ON "device_alarm" USING btree ("device_code","type","period_start");--> statement-breakpoint
CREATE INDEX "device_alarm_new_idx" ON "device_alarm" USING btree ("created_at") WHERE "device_alarm"."status" = 'new';--> statement-breakpoint
CREATE INDEX "device_alarm_region_idx" ON "device_alarm" USING btree ("region_code" text_pattern_ops,"first_at");--> statement-breakpoint
CREATE INDEX "device_command_device_idx" ON "device_command" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "device_command_open_idx" ON "device_command" USING btree ("expires_at") WHERE "device_command"."status" in ('queued', 'sent');--> statement-breakpoint
CREATE INDEX "watch_entry_hash_idx" ON "watch_entry" USING btree ("kind","value_hash") WHERE "watch_entry"."active";--> statement-breakpoint
-- The device alarms' dashboard fact: alarms by the day they were first raised, at the device's region and grid.
CREATE FUNCTION device_alarm_metric_facts(a device_alarm) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('sensing.alarms', metric_day(a.first_at), a.type, 1)::metric_fact]
$$;
--> statement-breakpoint
CREATE FUNCTION device_alarm_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN device_alarm_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN device_alarm_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_device_alarm AFTER INSERT OR UPDATE OR DELETE ON device_alarm FOR EACH ROW EXECUTE FUNCTION device_alarm_metrics_changed();
