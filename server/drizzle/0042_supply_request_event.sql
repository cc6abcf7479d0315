ALTER TABLE "supply_request" ADD COLUMN "event_id" uuid;--> statement-breakpoint
CREATE INDEX "supply_request_for_event_idx" ON "supply_request" USING btree ("event_id");