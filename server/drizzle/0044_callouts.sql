CREATE TABLE "callout_call" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"digits" text DEFAULT '' NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "callout_campaign" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"script" jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"windows" jsonb NOT NULL,
	"concurrency" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"retry_minutes" integer NOT NULL,
	"simulator" jsonb NOT NULL,
	"prompts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callout_target" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"resident_id" uuid,
	"household_id" uuid,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"name_masked" text NOT NULL,
	"phone_masked" text,
	"phone_hash" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_result" text,
	"next_at" timestamp with time zone,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callout_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"resident_id" uuid,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"question_key" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"done_note" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "callout_call_attempt_key" ON "callout_call" USING btree ("target_id","attempt");--> statement-breakpoint
CREATE INDEX "callout_call_campaign_idx" ON "callout_call" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "callout_campaign_region_idx" ON "callout_campaign" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "callout_target_seq_key" ON "callout_target" USING btree ("campaign_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "callout_target_resident_key" ON "callout_target" USING btree ("campaign_id","resident_id");--> statement-breakpoint
CREATE INDEX "callout_target_due_idx" ON "callout_target" USING btree ("campaign_id","status","next_at");--> statement-breakpoint
CREATE INDEX "callout_target_calling_idx" ON "callout_target" USING btree ("phone_hash") WHERE "callout_target"."status" = 'calling';--> statement-breakpoint
CREATE UNIQUE INDEX "callout_task_answer_key" ON "callout_task" USING btree ("target_id","question_key");--> statement-breakpoint
CREATE INDEX "callout_task_grid_idx" ON "callout_task" USING btree ("grid_id","status");--> statement-breakpoint
CREATE INDEX "callout_task_region_idx" ON "callout_task" USING btree ("region_code" text_pattern_ops,"status");