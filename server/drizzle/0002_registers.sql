CREATE TABLE "export_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register" text NOT NULL,
	"format" text NOT NULL,
	"filters" jsonb NOT NULL,
	"unmask" boolean DEFAULT false NOT NULL,
	"reason" text,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"scope_region_code" text NOT NULL,
	"scope_grid_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"file_path" text,
	"downloads" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_job" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"file_type" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"columns" jsonb NOT NULL,
	"mapping" jsonb,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"unchanged_rows" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"error_report_path" text,
	"failure" jsonb,
	"created_by" uuid NOT NULL,
	"scope_region_code" text NOT NULL,
	"scope_grid_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "building" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text,
	"floors" integer,
	"units" integer,
	"lon" double precision,
	"lat" double precision
);
--> statement-breakpoint
CREATE TABLE "dwelling" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"building_id" uuid NOT NULL,
	"unit" text,
	"floor" integer,
	"room" text NOT NULL,
	"area" double precision,
	"use" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"status" text NOT NULL,
	"department" text
);
--> statement-breakpoint
CREATE TABLE "household" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"dwelling_id" uuid,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "household_member" (
	"household_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "household_member_household_id_resident_id_pk" PRIMARY KEY("household_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"credit_code" text,
	"legal_representative" text,
	"contact_name" text,
	"contact_phone_cipher" "bytea",
	"contact_phone_hash" "bytea",
	"contact_phone_masked" text,
	"address" text,
	"lon" double precision,
	"lat" double precision
);
--> statement-breakpoint
CREATE TABLE "organization_employee" (
	"organization_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"position" text,
	"is_contact" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organization_employee_organization_id_resident_id_pk" PRIMARY KEY("organization_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "register_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"id_type" text NOT NULL,
	"id_cipher" "bytea" NOT NULL,
	"id_hash" "bytea" NOT NULL,
	"id_masked" text NOT NULL,
	"phone_cipher" "bytea",
	"phone_hash" "bytea",
	"phone_masked" text,
	"sex" text,
	"birth_date" date,
	"kind" text NOT NULL,
	"nationality" text,
	"ethnicity" text,
	"registered_address" text,
	"address" text,
	"dwelling_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"import_job_id" uuid,
	"notes" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text,
	"lon" double precision,
	"lat" double precision,
	"venue_code" text NOT NULL,
	"key_place" boolean DEFAULT false NOT NULL,
	"key_reason" text,
	"contact_name" text,
	"contact_phone_cipher" "bytea",
	"contact_phone_hash" "bytea",
	"contact_phone_masked" text
);
--> statement-breakpoint
CREATE INDEX "export_request_region_status_idx" ON "export_request" USING btree ("scope_region_code","status");--> statement-breakpoint
CREATE INDEX "import_job_created_by_idx" ON "import_job" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "building_grid_name_live_key" ON "building" USING btree ("grid_id","name") WHERE "building"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "building_region_idx" ON "building" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dwelling_building_room_live_key" ON "dwelling" USING btree ("building_id",coalesce("unit", ''),"room") WHERE "dwelling"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "dwelling_region_idx" ON "dwelling" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "facility_code_live_key" ON "facility" USING btree ("code") WHERE "facility"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "facility_region_idx" ON "facility" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "household_grid_number_live_key" ON "household" USING btree ("grid_id","number") WHERE "household"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "household_region_idx" ON "household" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "household_member_resident_key" ON "household_member" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_member_one_head_key" ON "household_member" USING btree ("household_id") WHERE "household_member"."relation" = 'head';--> statement-breakpoint
CREATE UNIQUE INDEX "organization_credit_code_live_key" ON "organization" USING btree ("credit_code") WHERE "organization"."deleted_at" is null and "organization"."credit_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_grid_name_live_key" ON "organization" USING btree ("grid_id","name") WHERE "organization"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "organization_region_idx" ON "organization" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organization_employee_resident_idx" ON "organization_employee" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "register_history_record_idx" ON "register_history" USING btree ("record_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_id_hash_live_key" ON "resident" USING btree ("id_hash") WHERE "resident"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "resident_phone_hash_idx" ON "resident" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "resident_region_idx" ON "resident" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resident_grid_idx" ON "resident" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "resident_initials_idx" ON "resident" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resident_dwelling_idx" ON "resident" USING btree ("dwelling_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_code_key" ON "venue" USING btree ("venue_code");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_grid_name_live_key" ON "venue" USING btree ("grid_id","name") WHERE "venue"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "venue_region_idx" ON "venue" USING btree ("region_code" text_pattern_ops);