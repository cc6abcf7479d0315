CREATE TABLE "key_person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"risk_level" text NOT NULL,
	"management_level" text,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid NOT NULL,
	"handover_grid_id" uuid,
	"handover_region_code" text,
	"handover_reason" text,
	"handover_by" uuid,
	"worker_id" uuid,
	"helpers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"birth_date" date,
	"visit_interval_days" integer NOT NULL,
	"next_visit_due" timestamp with time zone NOT NULL,
	"last_visit_at" timestamp with time zone,
	"overdue_alerted_for" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "key_person_risk_check" CHECK ("key_person"."risk_level" in ('high', 'medium', 'low')),
	CONSTRAINT "key_person_status_check" CHECK ("key_person"."status" in ('active', 'handover'))
);
--> statement-breakpoint
CREATE TABLE "kp_access_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_person_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kp_access_request_status_check" CHECK ("kp_access_request"."status" in ('pending', 'approved', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "kp_category" (
	"code" text PRIMARY KEY NOT NULL,
	"group_kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"form_key" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kp_risk_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_person_id" uuid NOT NULL,
	"field" text NOT NULL,
	"from_level" text,
	"to_level" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kp_visit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_person_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"way" text NOT NULL,
	"findings" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"visited_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kp_visit_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"category_code" text,
	"risk_level" text NOT NULL,
	"interval_days" integer NOT NULL,
	CONSTRAINT "kp_visit_rule_interval_check" CHECK ("kp_visit_rule"."interval_days" between 1 and 366)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "key_person_resident_category_key" ON "key_person" USING btree ("resident_id","category_code");--> statement-breakpoint
CREATE INDEX "key_person_region_idx" ON "key_person" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "key_person_grid_idx" ON "key_person" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "key_person_handover_grid_idx" ON "key_person" USING btree ("handover_grid_id") WHERE "key_person"."handover_grid_id" is not null;--> statement-breakpoint
CREATE INDEX "key_person_due_idx" ON "key_person" USING btree ("next_visit_due");--> statement-breakpoint
CREATE INDEX "kp_access_request_person_idx" ON "kp_access_request" USING btree ("key_person_id","requested_by");--> statement-breakpoint
CREATE INDEX "kp_access_request_region_idx" ON "kp_access_request" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "kp_risk_change_person_idx" ON "kp_risk_change" USING btree ("key_person_id","changed_at");--> statement-breakpoint
CREATE INDEX "kp_visit_person_idx" ON "kp_visit" USING btree ("key_person_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "kp_visit_rule_key" ON "kp_visit_rule" USING btree ("region_code",coalesce("category_code", ''),"risk_level");--> statement-breakpoint
-- The key persons' dashboard facts (modules/keypersons/metrics.ts): an archive counts where it is
-- managed, by its category; a high-risk one also counts as such.
CREATE FUNCTION key_person_metric_facts(k key_person) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('keypersons.managed', NULL::date, k.category_code, 1)::metric_fact]
    || CASE WHEN k.risk_level = 'high' THEN ARRAY[ROW('keypersons.high_risk', NULL::date, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION key_person_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN key_person_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN key_person_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_key_person AFTER INSERT OR UPDATE OR DELETE ON key_person FOR EACH ROW EXECUTE FUNCTION key_person_metrics_changed();
