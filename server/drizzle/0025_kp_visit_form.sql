ALTER TABLE "kp_visit" ADD COLUMN "form_key" text;--> statement-breakpoint
ALTER TABLE "kp_visit" ADD COLUMN "form_version" integer;--> statement-breakpoint
ALTER TABLE "kp_visit" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;