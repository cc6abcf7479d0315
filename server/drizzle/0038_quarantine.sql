CREATE TABLE "quarantine_followup" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"day" date NOT NULL,
	"test_due" boolean NOT NULL,
	"status" text NOT NULL,
	"worker_id" uuid,
	"temperature" real,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"test_result" text,
	"fever" boolean DEFAULT false NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "quarantine_order_order_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_key" uuid NOT NULL,
	"resident_id" uuid,
	"name_masked" text,
	"contact_id" uuid,
	"degree" smallint NOT NULL,
	"phases" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"centralised_until" date,
	"test_dates" date[] NOT NULL,
	"site_id" uuid,
	"address" text,
	"means" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"worker_id" uuid,
	"status" text NOT NULL,
	"missed_streak" smallint DEFAULT 0 NOT NULL,
	"alert_at" timestamp with time zone,
	"exposure_at" timestamp with time zone,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"note" text,
	"rule_version" integer NOT NULL,
	"released_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine_order_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine_rule" (
	"version" integer PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine_site" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"capacity" integer NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "quarantine_followup_order_day_key" ON "quarantine_followup" USING btree ("order_id","day");--> statement-breakpoint
CREATE INDEX "quarantine_followup_worker_idx" ON "quarantine_followup" USING btree ("worker_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "quarantine_order_no_key" ON "quarantine_order" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "quarantine_order_region_idx" ON "quarantine_order" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "quarantine_order_grid_idx" ON "quarantine_order" USING btree ("grid_id","status");--> statement-breakpoint
CREATE INDEX "quarantine_order_person_idx" ON "quarantine_order" USING btree ("person_key");--> statement-breakpoint
CREATE INDEX "quarantine_order_site_idx" ON "quarantine_order" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "quarantine_order_status_idx" ON "quarantine_order" USING btree ("status","end_date");--> statement-breakpoint
CREATE INDEX "quarantine_order_event_order_idx" ON "quarantine_order_event" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "quarantine_site_region_idx" ON "quarantine_site" USING btree ("region_code" text_pattern_ops);