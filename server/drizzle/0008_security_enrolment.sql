CREATE TABLE "account_enrolment" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"totp_secret" text NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "totp_enrollment" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "totp_enrollment" CASCADE;--> statement-breakpoint
ALTER TABLE "account_enrolment" ADD CONSTRAINT "account_enrolment_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_enrolment_user_key" ON "account_enrolment" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_failed_sign_in_idx" ON "audit_log" USING btree ("ip","at") WHERE "audit_log"."action" in ('auth.login', 'auth.lockout', 'auth.enrolment') and "audit_log"."outcome" <> 'success';