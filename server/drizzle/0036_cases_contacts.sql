CREATE TABLE "epi_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "epi_case_case_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_key" uuid NOT NULL,
	"resident_id" uuid,
	"name" text,
	"id_cipher" "bytea",
	"id_hash" "bytea",
	"id_masked" text,
	"status" text NOT NULL,
	"onset_date" date,
	"sampling_date" date,
	"isolated_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"source_case_id" uuid,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"note" text,
	"rule_version" integer,
	"traced_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epi_case_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epi_contact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"person_key" uuid NOT NULL,
	"person_kind" text NOT NULL,
	"resident_id" uuid,
	"name" text,
	"degree" smallint NOT NULL,
	"via_contact_id" uuid,
	"kinds" text[] NOT NULL,
	"evidence" jsonb NOT NULL,
	"first_exposure_at" timestamp with time zone NOT NULL,
	"last_exposure_at" timestamp with time zone NOT NULL,
	"follow_until" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracing_rule" (
	"version" integer PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "epi_case_no_key" ON "epi_case" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "epi_case_person_idx" ON "epi_case" USING btree ("person_key");--> statement-breakpoint
CREATE INDEX "epi_case_region_idx" ON "epi_case" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "epi_case_source_idx" ON "epi_case" USING btree ("source_case_id");--> statement-breakpoint
CREATE INDEX "epi_case_event_case_idx" ON "epi_case_event" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "epi_contact_case_person_key" ON "epi_contact" USING btree ("case_id","person_key");--> statement-breakpoint
CREATE INDEX "epi_contact_region_idx" ON "epi_contact" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "epi_contact_grid_idx" ON "epi_contact" USING btree ("grid_id","status");--> statement-breakpoint
CREATE INDEX "epi_contact_person_idx" ON "epi_contact" USING btree ("person_key");--> statement-breakpoint
CREATE INDEX "arrival_transport_idx" ON "arrival" USING btree ("transport_number","arrived_at");