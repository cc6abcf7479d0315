CREATE TABLE "account_identity" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_cipher" "bytea" NOT NULL,
	"id_hash" "bytea" NOT NULL,
	"id_masked" text NOT NULL,
	"person_key" uuid NOT NULL,
	"resident_id" uuid,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "account_identity_id_hash_key" ON "account_identity" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "account_identity_person_idx" ON "account_identity" USING btree ("person_key");