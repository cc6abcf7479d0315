CREATE TABLE "emergency_activation" (
	"event_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"level" text NOT NULL,
	"plan_name" text NOT NULL,
	"command_post" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_dispatch" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"dispatched_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "emergency_event_event_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"type" text NOT NULL,
	"sub_type" text,
	"level" text,
	"response_level" text,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"address" text,
	"area" jsonb,
	"description" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_event_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"level" text,
	"actor_id" uuid,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"sub_type" text DEFAULT '' NOT NULL,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"command_post" jsonb,
	"tasks" jsonb NOT NULL,
	"notifications" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_roster" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"plan_id" uuid,
	"task_key" text,
	"level" text,
	"title" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_team" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"skills" text[] NOT NULL,
	"equipment" jsonb NOT NULL,
	"availability" text NOT NULL,
	"base_lng" double precision,
	"base_lat" double precision,
	"last_lng" double precision,
	"last_lat" double precision,
	"last_position_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_team_member" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"resident_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"skills" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_activation_key" ON "emergency_activation" USING btree ("event_id","plan_id");--> statement-breakpoint
CREATE INDEX "emergency_dispatch_event_idx" ON "emergency_dispatch" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "emergency_dispatch_team_idx" ON "emergency_dispatch" USING btree ("team_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_dispatch_task_team_key" ON "emergency_dispatch" USING btree ("task_id","team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_event_no_key" ON "emergency_event" USING btree ("event_no");--> statement-breakpoint
CREATE INDEX "emergency_event_region_idx" ON "emergency_event" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "emergency_event_step_event_idx" ON "emergency_event_step" USING btree ("event_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plan_key" ON "emergency_plan" USING btree ("region_code","type","sub_type","level");--> statement-breakpoint
CREATE INDEX "emergency_roster_team_idx" ON "emergency_roster" USING btree ("team_id","starts_at");--> statement-breakpoint
CREATE INDEX "emergency_task_event_idx" ON "emergency_task" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_task_plan_key" ON "emergency_task" USING btree ("event_id","plan_id","task_key");--> statement-breakpoint
CREATE INDEX "emergency_team_region_idx" ON "emergency_team" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "emergency_team_member_team_idx" ON "emergency_team_member" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "emergency_team_member_user_idx" ON "emergency_team_member" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_team_member_resident_key" ON "emergency_team_member" USING btree ("team_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_team_member_user_key" ON "emergency_team_member" USING btree ("team_id","user_id");