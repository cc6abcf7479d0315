CREATE TABLE "metric_delta" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "metric_delta_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"fact" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_id" uuid,
	"day" date,
	"dim" text DEFAULT '' NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_value" (
	"scope" text NOT NULL,
	"metric" text NOT NULL,
	"day" date,
	"dim" text DEFAULT '' NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_value_key" UNIQUE NULLS NOT DISTINCT("scope","metric","day","dim")
);
--> statement-breakpoint
CREATE INDEX "metric_value_metric_day_scope_idx" ON "metric_value" USING btree ("metric","day","scope" text_pattern_ops);
--> statement-breakpoint
-- hand-written: the modules' metric triggers, and the figures moved from the dashboard's wide
-- aggregate tables (0005) into metric_value, with their unfolded deltas moved into metric_delta.
--
-- Every counted thing (a ticket, a department's assignment, a summoned department, a resident, a
-- household, a grid worker) is reduced to *facts* (name, day, dimension, value) by one function
-- per source table; a trigger appends the facts of the old row (negated) and of the new row to
-- metric_delta when a change alters them. The fold (platform/metrics/metrics.ts) moves the deltas
-- into metric_value rolled up to every scope, for each metric registered over the fact. The
-- recount of each metric is its own SQL over the source tables (the modules' metrics.ts); a test
-- checks that the two agree. Days are China Standard Time (UTC+8, no daylight saving).
CREATE FUNCTION metric_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;
--> statement-breakpoint
-- The scopes a fact counts in: every ancestor region of its region, the region itself, its grid.
CREATE FUNCTION metric_scopes(region_code text, grid_id uuid) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT s FROM unnest(ARRAY[
    rpad(left(region_code, 2), 12, '0'), rpad(left(region_code, 4), 12, '0'), rpad(left(region_code, 6), 12, '0'),
    rpad(left(region_code, 9), 12, '0'), region_code,
    CASE WHEN grid_id IS NOT NULL THEN region_code || '/' || grid_id END]) s
  WHERE s IS NOT NULL
$$;
--> statement-breakpoint
CREATE TYPE metric_fact AS (fact text, day date, dim text, value integer);
--> statement-breakpoint
-- Appends the change of a thing's facts: nothing when the change leaves them as they were.
CREATE FUNCTION metric_record(old_region text, old_grid uuid, old_facts metric_fact[], new_region text, new_grid uuid, new_facts metric_fact[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF old_region IS NOT DISTINCT FROM new_region AND old_grid IS NOT DISTINCT FROM new_grid AND old_facts IS NOT DISTINCT FROM new_facts THEN
    RETURN;
  END IF;
  INSERT INTO metric_delta (fact, region_code, grid_id, day, dim, value)
  SELECT c.fact, c.region_code, c.grid_id, c.day, c.dim, sum(c.value)::integer FROM (
    SELECT old_region AS region_code, old_grid AS grid_id, f.fact, f.day, f.dim, -f.value AS value FROM unnest(old_facts) f WHERE old_region IS NOT NULL
    UNION ALL
    SELECT new_region, new_grid, f.fact, f.day, f.dim, f.value FROM unnest(new_facts) f WHERE new_region IS NOT NULL
  ) c
  GROUP BY c.fact, c.region_code, c.grid_id, c.day, c.dim
  HAVING sum(c.value) <> 0;
END;
$$;
--> statement-breakpoint
-- tickets: a ticket's facts.
CREATE FUNCTION ticket_metric_facts(is_open boolean, overdue boolean, emergency boolean, category_id uuid, reported_day date, closed_day date, on_time boolean, rating integer)
RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(ROW(v.fact, v.day, v.dim, v.value)::metric_fact), '{}') FROM (VALUES
    ('tickets.open', NULL::date, '', CASE WHEN is_open THEN 1 ELSE 0 END),
    ('tickets.overdue', NULL::date, '', CASE WHEN is_open AND overdue THEN 1 ELSE 0 END),
    ('tickets.emergency_open', NULL::date, '', CASE WHEN is_open AND emergency THEN 1 ELSE 0 END),
    ('tickets.reported', reported_day, coalesce(category_id::text, ''), 1),
    ('tickets.closed', closed_day, '', CASE WHEN closed_day IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.closed_on_time', closed_day, '', CASE WHEN closed_day IS NOT NULL AND on_time THEN 1 ELSE 0 END),
    ('tickets.rated', closed_day, '', CASE WHEN closed_day IS NOT NULL AND rating IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.rating_sum', closed_day, '', CASE WHEN closed_day IS NOT NULL THEN coalesce(rating, 0) ELSE 0 END)
  ) v(fact, day, dim, value)
  WHERE v.value <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION ticket_metric_facts(t ticket) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ticket_metric_facts(
    t.status IN ('reported', 'accepted', 'dispatched', 'handling', 'reported_back'), t.overdue, t.emergency, t.category_id,
    metric_day(t.created_at),
    CASE WHEN t.status = 'closed' THEN metric_day(coalesce(t.closed_at, t.updated_at)) END,
    t.status = 'closed' AND NOT t.overdue,
    CASE WHEN t.status = 'closed' THEN t.rating END)
$$;
--> statement-breakpoint
-- tickets: a department's assignment (withdrawn ones do not count as assigned).
CREATE FUNCTION assignment_metric_facts(department_id uuid, assigned_day date, done_day date, on_time boolean, counts boolean)
RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(ROW(v.fact, v.day, v.dim, v.value)::metric_fact), '{}') FROM (VALUES
    ('tickets.assigned', assigned_day, department_id::text, CASE WHEN counts THEN 1 ELSE 0 END),
    ('tickets.assignments_done', done_day, department_id::text, CASE WHEN done_day IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.assignments_on_time', done_day, department_id::text, CASE WHEN done_day IS NOT NULL AND on_time THEN 1 ELSE 0 END)
  ) v(fact, day, dim, value)
  WHERE v.value <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION assignment_metric_facts(a ticket_assignment) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT assignment_metric_facts(a.department_id, metric_day(a.assigned_at),
    CASE WHEN a.status = 'reported' THEN metric_day(a.updated_at) END,
    a.status = 'reported' AND a.updated_at <= a.due_at, a.status <> 'withdrawn')
$$;
--> statement-breakpoint
-- A thing counted now (a live resident, an enabled grid worker, a department not yet checked in).
CREATE FUNCTION count_metric_facts(fact text, counts boolean) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN counts THEN ARRAY[ROW(fact, NULL::date, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION ticket_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM metric_record(NULL, NULL, NULL, NEW.region_code, NEW.grid_id, ticket_metric_facts(NEW));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM metric_record(OLD.region_code, OLD.grid_id, ticket_metric_facts(OLD), NULL, NULL, NULL);
  ELSE
    PERFORM metric_record(OLD.region_code, OLD.grid_id, ticket_metric_facts(OLD), NEW.region_code, NEW.grid_id, ticket_metric_facts(NEW));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION assignment_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  place record;
BEGIN
  SELECT region_code, grid_id INTO place FROM ticket WHERE id = coalesce(NEW.ticket_id, OLD.ticket_id);
  PERFORM metric_record(
    place.region_code, place.grid_id, CASE WHEN TG_OP <> 'INSERT' THEN assignment_metric_facts(OLD) END,
    place.region_code, place.grid_id, CASE WHEN TG_OP <> 'DELETE' THEN assignment_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION summons_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  place text;
BEGIN
  SELECT region_code INTO place FROM summons WHERE id = coalesce(NEW.summons_id, OLD.summons_id);
  PERFORM metric_record(
    place, NULL, CASE WHEN TG_OP <> 'INSERT' THEN count_metric_facts('tickets.pending_summonses', OLD.checked_in_at IS NULL) END,
    place, NULL, CASE WHEN TG_OP <> 'DELETE' THEN count_metric_facts('tickets.pending_summonses', NEW.checked_in_at IS NULL) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- registers: a resident or a household counts while not deleted (TG_ARGV[0]: the fact).
CREATE FUNCTION register_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM metric_record(NULL, NULL, NULL, NEW.region_code, NEW.grid_id, count_metric_facts(TG_ARGV[0], NEW.deleted_at IS NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM metric_record(OLD.region_code, OLD.grid_id, count_metric_facts(TG_ARGV[0], OLD.deleted_at IS NULL), NULL, NULL, NULL);
  ELSE
    PERFORM metric_record(OLD.region_code, OLD.grid_id, count_metric_facts(TG_ARGV[0], OLD.deleted_at IS NULL),
      NEW.region_code, NEW.grid_id, count_metric_facts(TG_ARGV[0], NEW.deleted_at IS NULL));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- users: an enabled grid worker with a grid counts in that grid.
CREATE FUNCTION grid_worker_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' AND OLD.role = 'grid_worker' AND OLD.scope_grid_id IS NOT NULL THEN OLD.scope_region_code END,
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.scope_grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN count_metric_facts('users.grid_workers', NOT OLD.disabled) END,
    CASE WHEN TG_OP <> 'DELETE' AND NEW.role = 'grid_worker' AND NEW.scope_grid_id IS NOT NULL THEN NEW.scope_region_code END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.scope_grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN count_metric_facts('users.grid_workers', NOT NEW.disabled) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The figures kept so far, moved: counts now, per day, per month; then the deltas not yet folded.
INSERT INTO metric_value (scope, metric, day, dim, value)
SELECT scope, m.metric, NULL, '', m.value FROM dash_now CROSS JOIN LATERAL (VALUES
  ('tickets.open', open_tickets), ('tickets.overdue', overdue_tickets), ('tickets.emergency_open', emergency_open),
  ('registers.residents', residents), ('registers.households', households), ('users.grid_workers', grid_workers),
  ('tickets.pending_summonses', pending_summonses)) m(metric, value)
WHERE m.value <> 0
UNION ALL
SELECT scope, m.metric, day, '', m.value FROM dash_day CROSS JOIN LATERAL (VALUES
  ('tickets.reported', reported), ('tickets.closed', closed), ('tickets.closed_on_time', closed_on_time),
  ('tickets.rated', rated), ('tickets.rating_sum', rating_sum)) m(metric, value)
WHERE m.value <> 0
UNION ALL
SELECT scope, m.metric, month, '', m.value FROM dash_month CROSS JOIN LATERAL (VALUES
  ('tickets.closed_month', closed), ('tickets.closed_on_time_month', closed_on_time)) m(metric, value)
WHERE m.value <> 0
UNION ALL
SELECT scope, 'tickets.reported_by_category', month, category_id::text, reported FROM dash_category_month WHERE reported <> 0
UNION ALL
SELECT scope, m.metric, month, department_id::text, m.value FROM dash_department_month CROSS JOIN LATERAL (VALUES
  ('tickets.assigned', assigned), ('tickets.assignments_done', done), ('tickets.assignments_on_time', on_time)) m(metric, value)
WHERE m.value <> 0;
--> statement-breakpoint
INSERT INTO metric_delta (fact, region_code, grid_id, day, dim, value)
SELECT f.fact, d.region_code, d.grid_id, f.day, f.dim, d.sign * f.value
FROM dash_delta d CROSS JOIN LATERAL unnest(CASE d.kind
  WHEN 'ticket' THEN ticket_metric_facts(d.is_open, d.overdue, d.emergency, d.category_id, d.first_day, d.done_day, d.on_time, d.rating)
  WHEN 'assignment' THEN assignment_metric_facts(d.department_id, d.first_day, d.done_day, d.on_time, d.n = 1)
  ELSE count_metric_facts(CASE d.kind WHEN 'resident' THEN 'registers.residents' WHEN 'household' THEN 'registers.households'
    WHEN 'grid_worker' THEN 'users.grid_workers' ELSE 'tickets.pending_summonses' END, d.n = 1) END) f
ORDER BY d.id;
--> statement-breakpoint
DROP TRIGGER dash_ticket ON ticket;
--> statement-breakpoint
DROP TRIGGER dash_assignment ON ticket_assignment;
--> statement-breakpoint
DROP TRIGGER dash_resident ON resident;
--> statement-breakpoint
DROP TRIGGER dash_household ON household;
--> statement-breakpoint
DROP TRIGGER dash_worker ON app_user;
--> statement-breakpoint
DROP TRIGGER dash_summons ON summons_department;
--> statement-breakpoint
CREATE TRIGGER metrics_ticket AFTER INSERT OR UPDATE OR DELETE ON ticket FOR EACH ROW EXECUTE FUNCTION ticket_metrics_changed();
--> statement-breakpoint
CREATE TRIGGER metrics_ticket_assignment AFTER INSERT OR UPDATE OR DELETE ON ticket_assignment FOR EACH ROW EXECUTE FUNCTION assignment_metrics_changed();
--> statement-breakpoint
CREATE TRIGGER metrics_summons_department AFTER INSERT OR UPDATE OR DELETE ON summons_department FOR EACH ROW EXECUTE FUNCTION summons_metrics_changed();
--> statement-breakpoint
CREATE TRIGGER metrics_resident AFTER INSERT OR UPDATE OR DELETE ON resident FOR EACH ROW EXECUTE FUNCTION register_metrics_changed('registers.residents');
--> statement-breakpoint
CREATE TRIGGER metrics_household AFTER INSERT OR UPDATE OR DELETE ON household FOR EACH ROW EXECUTE FUNCTION register_metrics_changed('registers.households');
--> statement-breakpoint
CREATE TRIGGER metrics_app_user AFTER INSERT OR UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION grid_worker_metrics_changed();
--> statement-breakpoint
DROP VIEW dash_fact_all;
--> statement-breakpoint
DROP TABLE dash_delta, dash_now, dash_day, dash_month, dash_category_month, dash_department_month;
--> statement-breakpoint
DROP FUNCTION dash_ticket_changed(), dash_assignment_changed(), dash_register_changed(), dash_worker_changed(), dash_summons_changed(),
  dash_record(dash_fact, dash_fact), dash_ticket_fact(ticket), dash_assignment_fact(ticket_assignment, text, uuid),
  dash_count_fact(text, text, uuid, boolean), dash_scopes(text, uuid), dash_day(timestamptz);
--> statement-breakpoint
DROP TYPE dash_fact;
