CREATE TABLE "device" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"type_code" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"protocol" text NOT NULL,
	"parent_id" uuid,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"lng" double precision,
	"lat" double precision,
	"address" text,
	"department_id" uuid,
	"vendor" text,
	"model" text,
	"status" text NOT NULL,
	"last_seen_at" timestamp with time zone,
	"silence_seconds" integer NOT NULL,
	"secret_cipher" "bytea",
	"secret_hash" "bytea",
	"secret_issued_at" timestamp with time zone,
	"offline_notified_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "device_code_key" ON "device" USING btree ("code");--> statement-breakpoint
CREATE INDEX "device_region_idx" ON "device" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "device_grid_idx" ON "device" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "device_parent_idx" ON "device" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "device_online_seen_idx" ON "device" USING btree ("last_seen_at") WHERE "device"."status" = 'online';--> statement-breakpoint
-- The devices' dashboard facts: online now and offline now, at the device's region and grid.
CREATE FUNCTION device_metric_facts(d device) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN d.status = 'online' THEN ARRAY[ROW('devices.online', NULL, '', 1)::metric_fact]
    WHEN d.status = 'offline' THEN ARRAY[ROW('devices.offline', NULL, '', 1)::metric_fact]
    ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION device_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN device_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN device_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_device AFTER INSERT OR UPDATE OR DELETE ON device FOR EACH ROW EXECUTE FUNCTION device_metrics_changed();
