CREATE TABLE "petition_criteria" (
	"region_code" text NOT NULL,
	"version" integer NOT NULL,
	"collective_min_people" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"note" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "petition_criteria_region_code_version_pk" PRIMARY KEY("region_code","version")
);
--> statement-breakpoint
CREATE TABLE "petition_village_status" (
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"failed" text[] NOT NULL,
	"checks" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"change" text NOT NULL,
	"latest" boolean DEFAULT false NOT NULL,
	"criteria_region" text NOT NULL,
	"criteria_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "petition_village_status_region_code_month_pk" PRIMARY KEY("region_code","month")
);
--> statement-breakpoint
CREATE INDEX "petition_village_status_month_idx" ON "petition_village_status" USING btree ("month","region_code" text_pattern_ops);
--> statement-breakpoint
-- no-petition villages: the facts of each village's newest assessed month.
CREATE FUNCTION petition_village_metric_facts(s petition_village_status) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s.latest THEN
    ARRAY[ROW('petitions.villages', NULL, '', 1)::metric_fact]
    || CASE WHEN s.status = 'met' THEN ARRAY[ROW('petitions.villages_met', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
    || CASE WHEN s.change = 'lost' THEN ARRAY[ROW('petitions.villages_lost', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
  ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION petition_village_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN petition_village_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN petition_village_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_petition_village AFTER INSERT OR UPDATE OR DELETE ON petition_village_status FOR EACH ROW EXECUTE FUNCTION petition_village_metrics_changed();
