CREATE TABLE "stock_count" (
	"id" uuid PRIMARY KEY NOT NULL,
	"count_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "stock_count_count_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"warehouse_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stock_count_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"count_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"book" bigint NOT NULL,
	"counted" bigint
);
--> statement-breakpoint
CREATE TABLE "stock_level" (
	"warehouse_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"min" bigint NOT NULL,
	"max" bigint NOT NULL,
	"reserve" bigint NOT NULL,
	"alert" text DEFAULT 'ok' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_level_order" CHECK ("stock_level"."min" <= "stock_level"."max" and "stock_level"."reserve" <= "stock_level"."max")
);
--> statement-breakpoint
CREATE TABLE "stock_lot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"lot_no" text NOT NULL,
	"expires_on" date,
	"quantity" bigint NOT NULL,
	"expiry_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_lot_quantity_nonnegative" CHECK ("stock_lot"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_move" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"item_code" text NOT NULL,
	"lot_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"quantity" bigint NOT NULL,
	"balance" bigint NOT NULL,
	"linked_move_id" bigint,
	"request_id" uuid,
	"count_id" uuid,
	"note" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_allocation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"quantity" bigint NOT NULL,
	"issued" bigint DEFAULT 0 NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_item" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"unit" text NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_no" integer GENERATED ALWAYS AS IDENTITY (sequence name "supply_request_request_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"site_name" text NOT NULL,
	"address" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"priority" smallint NOT NULL,
	"needed_by" timestamp with time zone NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_request_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_request_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"quantity" bigint NOT NULL,
	CONSTRAINT "supply_request_line_positive" CHECK ("supply_request_line"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "warehouse" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"capacity_m3" double precision NOT NULL,
	"expiry_alert_days" integer DEFAULT 30 NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stock_level" ADD CONSTRAINT "stock_level_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_lot" ADD CONSTRAINT "stock_lot_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_count_warehouse_idx" ON "stock_count" USING btree ("warehouse_id","status");--> statement-breakpoint
CREATE INDEX "stock_count_region_idx" ON "stock_count" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "stock_count_line_key" ON "stock_count_line" USING btree ("count_id","lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_level_key" ON "stock_level" USING btree ("warehouse_id","item_code");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_lot_key" ON "stock_lot" USING btree ("warehouse_id","item_code","lot_no");--> statement-breakpoint
CREATE INDEX "stock_lot_expiry_idx" ON "stock_lot" USING btree ("expires_on");--> statement-breakpoint
CREATE INDEX "stock_move_card_idx" ON "stock_move" USING btree ("warehouse_id","item_code","id");--> statement-breakpoint
CREATE INDEX "stock_move_region_idx" ON "stock_move" USING btree ("region_code" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "supply_allocation_line_idx" ON "supply_allocation" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "supply_allocation_warehouse_idx" ON "supply_allocation" USING btree ("warehouse_id","item_code");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_request_no_key" ON "supply_request" USING btree ("request_no");--> statement-breakpoint
CREATE INDEX "supply_request_region_idx" ON "supply_request" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "supply_request_open_idx" ON "supply_request" USING btree ("status","priority","needed_by");--> statement-breakpoint
CREATE INDEX "supply_request_event_idx" ON "supply_request_event" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "supply_request_line_request_idx" ON "supply_request_line" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "warehouse_region_idx" ON "warehouse" USING btree ("region_code" text_pattern_ops);