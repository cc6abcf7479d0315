CREATE TABLE "consultation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"reject_reason" text,
	"asked_by" uuid,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"answered_by" uuid,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_facility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"phone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"services" text NOT NULL,
	"active" boolean NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rumour_rebuttal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"claim" text NOT NULL,
	"verdict" text NOT NULL,
	"evidence" text NOT NULL,
	"source_name" text NOT NULL,
	"source_url" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_terms" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consultation_region_idx" ON "consultation" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "health_facility_region_idx" ON "health_facility" USING btree ("region_code" text_pattern_ops,"kind");--> statement-breakpoint
CREATE INDEX "rumour_rebuttal_region_idx" ON "rumour_rebuttal" USING btree ("region_code" text_pattern_ops,"status");