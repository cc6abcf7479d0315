CREATE SEQUENCE "public"."dispute_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "origin" jsonb;--> statement-breakpoint
ALTER TABLE "dispute" ADD COLUMN "number" text DEFAULT ('JF' || lpad(nextval('dispute_number_seq')::text, 8, '0')) NOT NULL;--> statement-breakpoint
ALTER TABLE "dispute" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_number_idx" ON "dispute" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_ticket_idx" ON "dispute" USING btree ("ticket_id") WHERE "dispute"."ticket_id" is not null;