ALTER TABLE "supply_request" ADD COLUMN "event_id" uuid;--> statement-breakpoint
CREATE INDEX "supply_request_for_event_idx" ON "supply_request" USING btree ("event_id");--> statement-breakpoint
-- The emergency events' dashboard facts: under way now (not closed) and reported, by the China day it was reported, at the event's region.
CREATE FUNCTION emergency_event_metric_facts(e emergency_event) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('emergency.reported', metric_day(e.created_at), '', 1)::metric_fact]
    || CASE WHEN e.status <> 'closed' THEN ARRAY[ROW('emergency.open', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION emergency_event_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN emergency_event_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN emergency_event_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_emergency_event AFTER INSERT OR UPDATE OR DELETE ON emergency_event FOR EACH ROW EXECUTE FUNCTION emergency_event_metrics_changed();
--> statement-breakpoint
-- The supply requests' dashboard facts: waiting now (submitted, approved, allocated) and fulfilled, by the China day of the last change, at the request's region and grid.
CREATE FUNCTION supply_request_metric_facts(r supply_request) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN r.status IN ('submitted', 'approved', 'allocated') THEN ARRAY[ROW('supplies.requests_waiting', NULL, '', 1)::metric_fact]
    WHEN r.status = 'fulfilled' THEN ARRAY[ROW('supplies.requests_fulfilled', metric_day(r.updated_at), '', 1)::metric_fact]
    ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION supply_request_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN supply_request_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN supply_request_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_supply_request AFTER INSERT OR UPDATE OR DELETE ON supply_request FOR EACH ROW EXECUTE FUNCTION supply_request_metrics_changed();
