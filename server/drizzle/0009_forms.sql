CREATE TABLE "form_definition" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"retired_by" uuid,
	"retired_at" timestamp with time zone,
	CONSTRAINT "form_definition_status_check" CHECK ("form_definition"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "form_definition_key_version_key" ON "form_definition" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "form_definition_one_draft_key" ON "form_definition" USING btree ("key") WHERE "form_definition"."status" = 'draft';