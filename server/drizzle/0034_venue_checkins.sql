-- Venue check-ins, partitioned by range on the check-in time: one partition per local day,
-- created ahead by the `checkins.partitions` timer (and on demand for a row in a missing day),
-- dropped as a whole after the retention (modules/checkins/partitions.ts). Hand-edited from
-- drizzle-kit's output: drizzle does not model partitioning, so the snapshot describes the
-- same columns, key and index and `generate` finds no change.
CREATE TABLE "venue_checkin" (
	"venue_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"person_key" uuid NOT NULL,
	"person_kind" char(1) NOT NULL,
	"checked_out_at" timestamp with time zone,
	"source" char(1) NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	CONSTRAINT "venue_checkin_pkey" PRIMARY KEY("venue_id","checked_in_at","person_key")
) PARTITION BY RANGE ("checked_in_at");
--> statement-breakpoint
CREATE INDEX "venue_checkin_person_idx" ON "venue_checkin" USING btree ("person_key","checked_in_at");
