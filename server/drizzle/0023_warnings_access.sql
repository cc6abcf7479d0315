CREATE TABLE "access_record" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"compound_type" text NOT NULL,
	"compound_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"gate_id" text NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL,
	"run_id" uuid,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"hit_region_code" text NOT NULL,
	"hit_grid_id" uuid,
	"level" text NOT NULL,
	"severity" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text NOT NULL,
	"assignee_user_id" uuid,
	"assignee_department_id" uuid,
	"note" text,
	"false_positive_reason" text,
	"version" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"params" jsonb NOT NULL,
	"level" text NOT NULL,
	"severity" text NOT NULL,
	"enabled" boolean NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"actor_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"hits" integer DEFAULT 0 NOT NULL,
	"raised" integer DEFAULT 0 NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_record_source_key" ON "access_record" USING btree ("gate_id","source_record_id");--> statement-breakpoint
CREATE INDEX "access_record_resident_at_idx" ON "access_record" USING btree ("resident_id","at");--> statement-breakpoint
CREATE INDEX "access_record_compound_at_idx" ON "access_record" USING btree ("compound_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_open_rule_key" ON "warning" USING btree ("rule_id","key") WHERE "warning"."status" in ('raised', 'acknowledged', 'assigned', 'handled');--> statement-breakpoint
CREATE INDEX "warning_rule_key_idx" ON "warning" USING btree ("rule_id","key");--> statement-breakpoint
CREATE INDEX "warning_region_status_idx" ON "warning" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "warning_grid_idx" ON "warning" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "warning_department_idx" ON "warning" USING btree ("assignee_department_id");--> statement-breakpoint
CREATE INDEX "warning_rule_status_idx" ON "warning" USING btree ("rule_id","status");--> statement-breakpoint
CREATE INDEX "warning_event_warning_idx" ON "warning_event" USING btree ("warning_id","at");--> statement-breakpoint
CREATE INDEX "warning_run_started_idx" ON "warning_run" USING btree ("started_at");--> statement-breakpoint
-- warnings: a warning's facts while open (by severity, by rule, high).
CREATE FUNCTION warning_metric_facts(w warning) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN w.status IN ('raised', 'acknowledged', 'assigned', 'handled') THEN
    ARRAY[ROW('warnings.open', NULL, w.severity, 1)::metric_fact, ROW('warnings.open_by_rule', NULL, w.rule_id::text, 1)::metric_fact]
    || CASE WHEN w.severity = 'high' THEN ARRAY[ROW('warnings.open_high', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
  ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION warning_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN warning_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN warning_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_warning AFTER INSERT OR UPDATE OR DELETE ON warning FOR EACH ROW EXECUTE FUNCTION warning_metrics_changed();
