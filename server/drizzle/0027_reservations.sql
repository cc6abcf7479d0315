CREATE TABLE "supply_drive" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"item_name" text NOT NULL,
	"unit" text NOT NULL,
	"per_person" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"pickup_from" timestamp with time zone NOT NULL,
	"pickup_until" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_point" (
	"id" uuid PRIMARY KEY NOT NULL,
	"drive_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"hours" text NOT NULL,
	"stock" integer NOT NULL,
	"reserved" integer NOT NULL,
	"picked_up" integer NOT NULL,
	"released" integer NOT NULL,
	CONSTRAINT "supply_point_stock_check" CHECK ("supply_point"."reserved" >= 0 and "supply_point"."reserved" <= "supply_point"."stock" and "supply_point"."picked_up" <= "supply_point"."reserved")
);
--> statement-breakpoint
CREATE TABLE "supply_reservation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"drive_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"id_number_hash" "bytea" NOT NULL,
	"id_number_cipher" "bytea" NOT NULL,
	"id_number_masked" text NOT NULL,
	"phone_hash" "bytea" NOT NULL,
	"phone_cipher" "bytea" NOT NULL,
	"phone_masked" text NOT NULL,
	"pickup_code" text NOT NULL,
	"status" text NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"picked_up_at" timestamp with time zone,
	"picked_up_by" uuid
);
--> statement-breakpoint
CREATE INDEX "supply_drive_region_idx" ON "supply_drive" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "supply_point_drive_idx" ON "supply_point" USING btree ("drive_id");--> statement-breakpoint
CREATE INDEX "supply_point_region_idx" ON "supply_point" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "supply_reservation_person_uq" ON "supply_reservation" USING btree ("drive_id","id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_reservation_code_uq" ON "supply_reservation" USING btree ("drive_id","pickup_code");--> statement-breakpoint
CREATE INDEX "supply_reservation_point_idx" ON "supply_reservation" USING btree ("point_id","status","reserved_at");--> statement-breakpoint
-- The reservations' dashboard facts: a reservation counts on the China day it was made, a pickup on the day it was confirmed, at the point's community.
CREATE FUNCTION supply_reservation_metric_facts(r supply_reservation) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('reservations.made', metric_day(r.reserved_at), '', 1)::metric_fact]
    || CASE WHEN r.picked_up_at IS NOT NULL THEN ARRAY[ROW('reservations.picked_up', metric_day(r.picked_up_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION supply_reservation_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN supply_reservation_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN supply_reservation_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_supply_reservation AFTER INSERT OR UPDATE OR DELETE ON supply_reservation FOR EACH ROW EXECUTE FUNCTION supply_reservation_metrics_changed();
