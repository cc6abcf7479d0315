CREATE TABLE "rate_counter" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_counter_pkey" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "declaration" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"source" text NOT NULL,
	"day" date NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_hash" "bytea" NOT NULL,
	"id_number_cipher" "bytea" NOT NULL,
	"id_number_masked" text NOT NULL,
	"phone_hash" "bytea" NOT NULL,
	"phone_cipher" "bytea" NOT NULL,
	"phone_masked" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"resident_id" uuid,
	"household_id" uuid,
	"temperature" double precision,
	"abnormal" boolean NOT NULL,
	"alerts" jsonb NOT NULL,
	"recorded_by" uuid,
	"superseded_by" uuid,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rate_counter_window_idx" ON "rate_counter" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_daily_uq" ON "declaration" USING btree ("id_number_hash","day") WHERE "declaration"."mode" = 'daily' and "declaration"."superseded_by" is null;--> statement-breakpoint
CREATE INDEX "declaration_region_idx" ON "declaration" USING btree ("region_code" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "declaration_grid_idx" ON "declaration" USING btree ("grid_id","day");--> statement-breakpoint
CREATE INDEX "declaration_person_idx" ON "declaration" USING btree ("id_number_hash","declared_at");--> statement-breakpoint
CREATE INDEX "declaration_household_idx" ON "declaration" USING btree ("household_id","declared_at");--> statement-breakpoint
-- The declarations' dashboard facts: a current declaration (not replaced later the same day) counts on the China day it was made, at its region and grid; an abnormal one counts again as abnormal.
CREATE FUNCTION declaration_metric_facts(d declaration) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN d.superseded_by IS NOT NULL THEN '{}'::metric_fact[]
    ELSE ARRAY[ROW('declarations.made', metric_day(d.declared_at), '', 1)::metric_fact]
      || CASE WHEN d.abnormal THEN ARRAY[ROW('declarations.abnormal', metric_day(d.declared_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
  END
$$;
--> statement-breakpoint
CREATE FUNCTION declaration_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN declaration_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN declaration_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_declaration AFTER INSERT OR UPDATE OR DELETE ON declaration FOR EACH ROW EXECUTE FUNCTION declaration_metrics_changed();
