CREATE TABLE "survey_answer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"alerts" jsonb NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"ticket_id" uuid,
	"answered_by" uuid NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_campaign" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"target" jsonb NOT NULL,
	"target_ids" jsonb,
	"unmatched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"alert_rules" jsonb NOT NULL,
	"ticket_category_id" uuid,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"generation" text NOT NULL,
	"gen_cursor" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_progress" (
	"campaign_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"alerts" integer NOT NULL,
	CONSTRAINT "survey_progress_campaign_id_grid_id_pk" PRIMARY KEY("campaign_id","grid_id")
);
--> statement-breakpoint
CREATE TABLE "survey_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"household_id" uuid NOT NULL,
	"household_number" text NOT NULL,
	"address" text,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"assignee_id" uuid,
	"status" text NOT NULL,
	"alert_key" text,
	"parent_task_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answer_task_uq" ON "survey_answer" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "survey_answer_campaign_idx" ON "survey_answer" USING btree ("campaign_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_campaign_region_idx" ON "survey_campaign" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_task_household_uq" ON "survey_task" USING btree ("campaign_id","household_id") WHERE "survey_task"."kind" = 'visit';--> statement-breakpoint
CREATE INDEX "survey_task_campaign_grid_idx" ON "survey_task" USING btree ("campaign_id","grid_id","status");--> statement-breakpoint
CREATE INDEX "survey_task_assignee_idx" ON "survey_task" USING btree ("assignee_id","status");--> statement-breakpoint
-- The campaigns' dashboard facts: an answer counts on the China day it was given, at its task's grid; an answer that raised an alert counts once more as alerted.
CREATE FUNCTION survey_answer_metric_facts(a survey_answer) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('campaigns.answered', metric_day(a.answered_at), '', 1)::metric_fact]
    || CASE WHEN jsonb_array_length(a.alerts) > 0 THEN ARRAY[ROW('campaigns.alerted', metric_day(a.answered_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION survey_answer_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN survey_answer_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN survey_answer_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_survey_answer AFTER INSERT OR UPDATE OR DELETE ON survey_answer FOR EACH ROW EXECUTE FUNCTION survey_answer_metrics_changed();
