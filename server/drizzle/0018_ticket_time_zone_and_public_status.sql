CREATE TABLE "deployment_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
-- The deployment's time zone (GRIDGOV_TIME_ZONE) decides a metric's day; start-up stores it.
INSERT INTO "deployment_setting" ("key", "value") VALUES ('time_zone', 'Asia/Shanghai');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_day(at timestamptz) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (at AT TIME ZONE coalesce((SELECT value FROM deployment_setting WHERE key = 'time_zone'), 'Asia/Shanghai'))::date
$$;
--> statement-breakpoint
-- 已受理 only once accepted: a report nobody accepted yet is `submitted`.
UPDATE "ticket" SET "public_status" = 'submitted' WHERE "status" = 'reported' AND "public_status" = 'received';
