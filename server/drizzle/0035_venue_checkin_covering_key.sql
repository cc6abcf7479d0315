-- Tracing reads thousands of other persons' check-ins a case from the key's range (the venue,
-- from a stay's longest lookback to the case's check-out): the key now carries the columns
-- tracing reads (check-out, person kind, source), so those ranges are index-only scans of the
-- key instead of a heap page per row (docs/benchmarks.md, "tracing"). Drizzle does not model
-- INCLUDE: the snapshot is 0034's, and `generate` finds no change.
ALTER TABLE "venue_checkin" DROP CONSTRAINT "venue_checkin_pkey";
--> statement-breakpoint
ALTER TABLE "venue_checkin" ADD CONSTRAINT "venue_checkin_pkey" PRIMARY KEY ("venue_id", "checked_in_at", "person_key") INCLUDE ("checked_out_at", "person_kind", "source");
