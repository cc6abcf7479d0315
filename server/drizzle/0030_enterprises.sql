CREATE TABLE "enterprise_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"staff" jsonb NOT NULL,
	"resume_on" date,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_application_step" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"attachments" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_health_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"entries" jsonb NOT NULL,
	"present_count" integer NOT NULL,
	"absent_count" integer NOT NULL,
	"abnormal_count" integer NOT NULL,
	"registered_by" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_screening" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"ticket_id" uuid,
	"screened_by" uuid NOT NULL,
	"screened_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_application_number_key" ON "enterprise_application" USING btree ("number");--> statement-breakpoint
CREATE INDEX "enterprise_application_region_idx" ON "enterprise_application" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "enterprise_application_organization_idx" ON "enterprise_application" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "enterprise_application_step_application_idx" ON "enterprise_application_step" USING btree ("application_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_health_report_day_key" ON "enterprise_health_report" USING btree ("organization_id","day");--> statement-breakpoint
CREATE INDEX "enterprise_health_report_region_day_idx" ON "enterprise_health_report" USING btree ("region_code" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "enterprise_screening_region_idx" ON "enterprise_screening" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
-- The enterprises' dashboard facts: an application counts while approved (a count now); a daily
-- health registration counts once on its day, and its abnormal staff on that day.
CREATE FUNCTION enterprise_application_metric_facts(a enterprise_application) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT count_metric_facts('enterprises.approved', a.status = 'approved')
$$;
--> statement-breakpoint
CREATE FUNCTION enterprise_application_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN enterprise_application_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN enterprise_application_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_enterprise_application AFTER INSERT OR UPDATE OR DELETE ON enterprise_application FOR EACH ROW EXECUTE FUNCTION enterprise_application_metrics_changed();
--> statement-breakpoint
CREATE FUNCTION enterprise_health_report_metric_facts(r enterprise_health_report) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('enterprises.reporting', r.day, '', 1)::metric_fact]
    || CASE WHEN r.abnormal_count > 0 THEN ARRAY[ROW('enterprises.abnormal_staff', r.day, '', r.abnormal_count)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION enterprise_health_report_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN enterprise_health_report_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN enterprise_health_report_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_enterprise_health_report AFTER INSERT OR UPDATE OR DELETE ON enterprise_health_report FOR EACH ROW EXECUTE FUNCTION enterprise_health_report_metrics_changed();
