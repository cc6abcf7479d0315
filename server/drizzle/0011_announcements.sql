CREATE TABLE "announcement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "announcement_region_idx" ON "announcement" USING btree ("region_code" text_pattern_ops,"status");