CREATE TABLE "street" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"line" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "street_bounds_idx" ON "street" USING btree ("min_lon","max_lon","min_lat","max_lat");--> statement-breakpoint
CREATE INDEX "street_region_idx" ON "street" USING btree ("region_code" text_pattern_ops);