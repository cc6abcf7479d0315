CREATE TABLE "enterprise_filer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_filer_current_key" ON "enterprise_filer" USING btree ("organization_id","user_id") WHERE "enterprise_filer"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "enterprise_filer_user_idx" ON "enterprise_filer" USING btree ("user_id") WHERE "enterprise_filer"."revoked_at" is null;