CREATE TABLE "health_code" (
	"person_key" uuid PRIMARY KEY NOT NULL,
	"colour" text NOT NULL,
	"rule_version" integer NOT NULL,
	"line" smallint,
	"evidence" jsonb NOT NULL,
	"override" smallint DEFAULT 0 NOT NULL,
	"region_code" text,
	"grid_id" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"issued_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "health_code_rule" (
	"version" integer PRIMARY KEY NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"lines" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_code_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"applied_version" integer NOT NULL,
	"applied_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_correction" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_key" uuid NOT NULL,
	"colour_at_request" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"region_code" text,
	"grid_id" uuid,
	"review_note" text,
	"override_colour" text,
	"override_until" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_risk_area" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_trip" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_key" uuid NOT NULL,
	"origin" text NOT NULL,
	"transport" text,
	"arrived_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "health_code_token_key" ON "health_code" USING btree ("token");--> statement-breakpoint
CREATE INDEX "health_code_valid_idx" ON "health_code" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "health_code_region_idx" ON "health_code" USING btree ("region_code" text_pattern_ops,"colour");--> statement-breakpoint
CREATE INDEX "health_code_grid_idx" ON "health_code" USING btree ("grid_id","colour");--> statement-breakpoint
CREATE INDEX "health_correction_person_idx" ON "health_correction" USING btree ("person_key","status");--> statement-breakpoint
CREATE INDEX "health_correction_region_idx" ON "health_correction" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "health_trip_person_idx" ON "health_trip" USING btree ("person_key","arrived_at");--> statement-breakpoint
CREATE INDEX "health_trip_arrived_idx" ON "health_trip" USING btree ("arrived_at");