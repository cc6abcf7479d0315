CREATE TABLE "device_event" (
	"at" timestamp with time zone NOT NULL,
	"device_code" text NOT NULL,
	"message_id" text NOT NULL,
	"kind" text NOT NULL,
	"part" text NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "device_event_at_device_code_message_id_pk" PRIMARY KEY("at","device_code","message_id")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "device_event_device_idx" ON "device_event" USING btree ("device_code","at");--> statement-breakpoint
-- Device events are partitioned by day of the device's time (the day partitions are made ahead by
-- the sensing module); an event whose day has no partition yet lands here, never lost.
CREATE TABLE "device_event_default" PARTITION OF "device_event" DEFAULT;
