CREATE TABLE "code_list_item" (
	"list" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"standard" text NOT NULL,
	CONSTRAINT "code_list_item_list_code_pk" PRIMARY KEY("list","code")
);
--> statement-breakpoint
CREATE TABLE "dispute" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"scale" text NOT NULL,
	"occurred_on" date NOT NULL,
	"deadline" date NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"mediator_level" text,
	"department_id" uuid,
	"mediator_name" text,
	"resolution_way" text,
	"agreement" jsonb,
	"resolution" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_party" (
	"dispute_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"party_category" text NOT NULL,
	"id_type" text NOT NULL,
	"id_cipher" "bytea",
	"id_hash" "bytea",
	"id_masked" text,
	"sex" text,
	"ethnic_group" text,
	"education" text,
	"phone_cipher" "bytea",
	"phone_masked" text,
	"address" text,
	CONSTRAINT "dispute_party_dispute_id_seq_pk" PRIMARY KEY("dispute_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dispute_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"attendees" text NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispute_party" ADD CONSTRAINT "dispute_party_dispute_id_dispute_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."dispute"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_session" ADD CONSTRAINT "dispute_session_dispute_id_dispute_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."dispute"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_region_idx" ON "dispute" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "dispute_grid_idx" ON "dispute" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "dispute_department_idx" ON "dispute" USING btree ("department_id") WHERE "dispute"."department_id" is not null;--> statement-breakpoint
CREATE INDEX "dispute_party_id_hash_idx" ON "dispute_party" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "dispute_session_dispute_idx" ON "dispute_session" USING btree ("dispute_id","held_on");--> statement-breakpoint
-- The disputes' dashboard facts: registered on the China day it was registered; concluded
-- (closed or failed) and resolved (closed with success) on the day of that last step.
CREATE FUNCTION dispute_metric_facts(d dispute) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('disputes.registered', metric_day(d.created_at), '', 1)::metric_fact]
    || CASE WHEN d.status IN ('closed', 'failed') THEN ARRAY[ROW('disputes.concluded', metric_day(d.updated_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
    || CASE WHEN d.status = 'closed' AND coalesce((d.resolution ->> 'success')::boolean, false) THEN ARRAY[ROW('disputes.resolved', metric_day(d.updated_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION dispute_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN dispute_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN dispute_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_dispute AFTER INSERT OR UPDATE OR DELETE ON dispute FOR EACH ROW EXECUTE FUNCTION dispute_metrics_changed();
