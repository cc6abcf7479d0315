CREATE SEQUENCE "public"."ticket_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "department" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "department_member" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_client" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attachment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"path" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin" (
	"region_code" text NOT NULL,
	"day" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bulletin_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "category_department" (
	"category_id" uuid NOT NULL,
	"level" text NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "category_department_category_id_level_department_id_pk" PRIMARY KEY("category_id","level","department_id")
);
--> statement-breakpoint
CREATE TABLE "classifier_model" (
	"id" text PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"trained_tickets" integer NOT NULL,
	"accuracy" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extension_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"department_id" uuid,
	"requested_by" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"target_cipher" "bytea",
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "summons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"note" text,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summons_department" (
	"summons_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"action" text,
	CONSTRAINT "summons_department_summons_id_department_id_pk" PRIMARY KEY("summons_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "ticket" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lon" double precision,
	"lat" double precision,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"level" text NOT NULL,
	"status" text NOT NULL,
	"public_status" text NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"reporter_user_id" uuid,
	"reporter_name" text,
	"reporter_phone_cipher" "bytea",
	"reporter_phone_hash" "bytea",
	"reporter_phone_masked" text,
	"tracking_hash" text,
	"api_client_id" uuid,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dispatch_due_at" timestamp with time zone,
	"handle_due_at" timestamp with time zone,
	"overdue" boolean DEFAULT false NOT NULL,
	"supervised" boolean DEFAULT false NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"reopen_until" timestamp with time zone,
	"duplicate_of" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_assignment" (
	"ticket_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"lead" boolean NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" text,
	"assigned_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_assignment_ticket_id_department_id_pk" PRIMARY KEY("ticket_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_category" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"limit_class" text NOT NULL,
	"dispatch_minutes" integer NOT NULL,
	"handle_minutes" integer NOT NULL,
	"custom_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_event" (
	"ticket_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"department_id" uuid,
	"from_status" text,
	"to_status" text,
	"note" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ticket_event_ticket_id_seq_pk" PRIMARY KEY("ticket_id","seq")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "department_region_name_live_key" ON "department" USING btree ("region_code","name") WHERE "department"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "department_region_idx" ON "department" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "department_member_department_idx" ON "department_member" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_key_hash_key" ON "api_client" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_request_pending_key" ON "extension_request" USING btree ("ticket_id") WHERE "extension_request"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "summons_region_idx" ON "summons" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "summons_ticket_idx" ON "summons" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_number_key" ON "ticket" USING btree ("number");--> statement-breakpoint
CREATE INDEX "ticket_region_status_idx" ON "ticket" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "ticket_grid_idx" ON "ticket" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "ticket_created_idx" ON "ticket" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ticket_open_point_idx" ON "ticket" USING btree ("lon","lat") WHERE "ticket"."status" not in ('closed', 'rejected', 'merged');--> statement-breakpoint
CREATE INDEX "ticket_reporter_idx" ON "ticket" USING btree ("reporter_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_tracking_hash_key" ON "ticket" USING btree ("tracking_hash");--> statement-breakpoint
CREATE INDEX "ticket_assignment_department_idx" ON "ticket_assignment" USING btree ("department_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_category_code_key" ON "ticket_category" USING btree ("code");