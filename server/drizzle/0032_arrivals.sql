CREATE TABLE "arrival" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_cipher" "bytea" NOT NULL,
	"id_hash" "bytea" NOT NULL,
	"id_masked" text NOT NULL,
	"phone_cipher" "bytea",
	"phone_masked" text,
	"transport_mode" text NOT NULL,
	"transport_number" text NOT NULL,
	"carriage" text,
	"seat" text,
	"origin" text,
	"arrived_at" timestamp with time zone NOT NULL,
	"checkpoint" text,
	"source" text NOT NULL,
	"import_id" uuid,
	"import_region_code" text NOT NULL,
	"resident_id" uuid,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"status" text NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"check_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "arrival_trip_key" ON "arrival" USING btree ("id_hash","transport_number","arrived_at");--> statement-breakpoint
CREATE INDEX "arrival_region_idx" ON "arrival" USING btree ("region_code" text_pattern_ops,"arrived_at");--> statement-breakpoint
CREATE INDEX "arrival_grid_idx" ON "arrival" USING btree ("grid_id","status","arrived_at");