-- Custom SQL migration file, put your code below! ---- The announcements' dashboard fact: a published announcement counts on the China day it was
-- published, in its region, while it stays published (a withdrawn one stops counting).
CREATE FUNCTION announcement_metric_facts(a announcement) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a.status = 'published' AND a.published_at IS NOT NULL
    THEN ARRAY[ROW('announcements.published', metric_day(a.published_at), '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION announcement_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN announcement_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN announcement_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_announcement AFTER INSERT OR UPDATE OR DELETE ON announcement FOR EACH ROW EXECUTE FUNCTION announcement_metrics_changed();
