-- The command-centre dashboard's maintained aggregates (server/src/modules/dashboard).
--
-- Every counted thing (a ticket, a department's assignment, a resident, a household, a grid
-- worker, a department summoned and not yet checked in) is reduced to a *fact* by one function
-- per table. Triggers append the fact of the old row (sign -1) and of the new row (sign +1) to
-- dash_delta whenever a change alters it; the fold (fold.ts) moves the deltas into the aggregate
-- tables, rolled up to every scope: the province, city, county, township and community of the
-- fact's region and its grid ("<community code>/<grid id>"). A full recount groups the same
-- facts read from the base tables (dash_fact_all), so the two agree by construction.
-- Days are China Standard Time (UTC+8, no daylight saving).

CREATE FUNCTION dash_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;
--> statement-breakpoint
CREATE TYPE dash_fact AS (
  kind text,
  region_code text,
  grid_id uuid,
  category_id uuid,
  department_id uuid,
  -- a ticket: the day reported; an assignment: the day assigned
  first_day date,
  -- a ticket: the day closed; an assignment: the day the department reported back
  done_day date,
  is_open boolean,
  overdue boolean,
  emergency boolean,
  on_time boolean,
  rating integer,
  -- 1 when the thing counts (a live resident, an enabled grid worker...), else 0
  n integer
);
--> statement-breakpoint
CREATE FUNCTION dash_ticket_fact(t ticket) RETURNS dash_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    'ticket', t.region_code, t.grid_id, t.category_id, NULL::uuid,
    dash_day(t.created_at),
    CASE WHEN t.status = 'closed' THEN dash_day(coalesce(t.closed_at, t.updated_at)) END,
    t.status IN ('reported', 'accepted', 'dispatched', 'handling', 'reported_back'),
    t.overdue, t.emergency,
    t.status = 'closed' AND NOT t.overdue,
    CASE WHEN t.status = 'closed' THEN t.rating END,
    1
  )::dash_fact
$$;
--> statement-breakpoint
CREATE FUNCTION dash_assignment_fact(a ticket_assignment, region_code text, grid_id uuid) RETURNS dash_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    'assignment', region_code, grid_id, NULL::uuid, a.department_id,
    dash_day(a.assigned_at),
    CASE WHEN a.status = 'reported' THEN dash_day(a.updated_at) END,
    a.status IN ('pending', 'handling'), false, false,
    a.status = 'reported' AND a.updated_at <= a.due_at,
    NULL::integer,
    CASE WHEN a.status = 'withdrawn' THEN 0 ELSE 1 END
  )::dash_fact
$$;
--> statement-breakpoint
CREATE FUNCTION dash_count_fact(kind text, region_code text, grid_id uuid, counts boolean) RETURNS dash_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(kind, region_code, grid_id, NULL::uuid, NULL::uuid, NULL::date, NULL::date, false, false, false, false, NULL::integer, CASE WHEN counts THEN 1 ELSE 0 END)::dash_fact
$$;
--> statement-breakpoint
-- Every fact, read from the base tables: what a full recount groups.
CREATE VIEW dash_fact_all AS
  SELECT (dash_ticket_fact(t)).* FROM ticket t
  UNION ALL
  SELECT (dash_assignment_fact(a, t.region_code, t.grid_id)).* FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
  UNION ALL
  SELECT (dash_count_fact('resident', r.region_code, r.grid_id, r.deleted_at IS NULL)).* FROM resident r
  UNION ALL
  SELECT (dash_count_fact('household', h.region_code, h.grid_id, h.deleted_at IS NULL)).* FROM household h
  UNION ALL
  SELECT (dash_count_fact('grid_worker', u.scope_region_code, u.scope_grid_id, NOT u.disabled)).* FROM app_user u WHERE u.role = 'grid_worker' AND u.scope_grid_id IS NOT NULL
  UNION ALL
  SELECT (dash_count_fact('summons', s.region_code, NULL, d.checked_in_at IS NULL)).* FROM summons_department d JOIN summons s ON s.id = d.summons_id;
--> statement-breakpoint
CREATE TABLE dash_delta (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sign integer NOT NULL,
  kind text NOT NULL,
  region_code text NOT NULL,
  grid_id uuid,
  category_id uuid,
  department_id uuid,
  first_day date,
  done_day date,
  is_open boolean NOT NULL,
  overdue boolean NOT NULL,
  emergency boolean NOT NULL,
  on_time boolean NOT NULL,
  rating integer,
  n integer NOT NULL
);
--> statement-breakpoint
-- Appends the change of a fact: nothing when the change leaves the fact as it was.
CREATE FUNCTION dash_record(old_fact dash_fact, new_fact dash_fact) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF old_fact IS NOT DISTINCT FROM new_fact THEN
    RETURN;
  END IF;
  IF old_fact.region_code IS NOT NULL THEN
    INSERT INTO dash_delta (sign, kind, region_code, grid_id, category_id, department_id, first_day, done_day, is_open, overdue, emergency, on_time, rating, n)
    VALUES (-1, old_fact.kind, old_fact.region_code, old_fact.grid_id, old_fact.category_id, old_fact.department_id, old_fact.first_day, old_fact.done_day,
      old_fact.is_open, old_fact.overdue, old_fact.emergency, old_fact.on_time, old_fact.rating, old_fact.n);
  END IF;
  IF new_fact.region_code IS NOT NULL THEN
    INSERT INTO dash_delta (sign, kind, region_code, grid_id, category_id, department_id, first_day, done_day, is_open, overdue, emergency, on_time, rating, n)
    VALUES (1, new_fact.kind, new_fact.region_code, new_fact.grid_id, new_fact.category_id, new_fact.department_id, new_fact.first_day, new_fact.done_day,
      new_fact.is_open, new_fact.overdue, new_fact.emergency, new_fact.on_time, new_fact.rating, new_fact.n);
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION dash_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dash_record(
    CASE WHEN TG_OP <> 'INSERT' THEN dash_ticket_fact(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN dash_ticket_fact(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dash_ticket AFTER INSERT OR UPDATE OR DELETE ON ticket FOR EACH ROW EXECUTE FUNCTION dash_ticket_changed();
--> statement-breakpoint
CREATE FUNCTION dash_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  place record;
BEGIN
  SELECT region_code, grid_id INTO place FROM ticket WHERE id = coalesce(NEW.ticket_id, OLD.ticket_id);
  PERFORM dash_record(
    CASE WHEN TG_OP <> 'INSERT' THEN dash_assignment_fact(OLD, place.region_code, place.grid_id) END,
    CASE WHEN TG_OP <> 'DELETE' THEN dash_assignment_fact(NEW, place.region_code, place.grid_id) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dash_assignment AFTER INSERT OR UPDATE OR DELETE ON ticket_assignment FOR EACH ROW EXECUTE FUNCTION dash_assignment_changed();
--> statement-breakpoint
CREATE FUNCTION dash_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dash_record(
    CASE WHEN TG_OP <> 'INSERT' THEN dash_count_fact(TG_ARGV[0], OLD.region_code, OLD.grid_id, OLD.deleted_at IS NULL) END,
    CASE WHEN TG_OP <> 'DELETE' THEN dash_count_fact(TG_ARGV[0], NEW.region_code, NEW.grid_id, NEW.deleted_at IS NULL) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dash_resident AFTER INSERT OR UPDATE OR DELETE ON resident FOR EACH ROW EXECUTE FUNCTION dash_register_changed('resident');
--> statement-breakpoint
CREATE TRIGGER dash_household AFTER INSERT OR UPDATE OR DELETE ON household FOR EACH ROW EXECUTE FUNCTION dash_register_changed('household');
--> statement-breakpoint
CREATE FUNCTION dash_worker_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dash_record(
    CASE WHEN TG_OP <> 'INSERT' AND OLD.role = 'grid_worker' AND OLD.scope_grid_id IS NOT NULL
      THEN dash_count_fact('grid_worker', OLD.scope_region_code, OLD.scope_grid_id, NOT OLD.disabled) END,
    CASE WHEN TG_OP <> 'DELETE' AND NEW.role = 'grid_worker' AND NEW.scope_grid_id IS NOT NULL
      THEN dash_count_fact('grid_worker', NEW.scope_region_code, NEW.scope_grid_id, NOT NEW.disabled) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dash_worker AFTER INSERT OR UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION dash_worker_changed();
--> statement-breakpoint
CREATE FUNCTION dash_summons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  place text;
BEGIN
  SELECT region_code INTO place FROM summons WHERE id = coalesce(NEW.summons_id, OLD.summons_id);
  PERFORM dash_record(
    CASE WHEN TG_OP <> 'INSERT' THEN dash_count_fact('summons', place, NULL, OLD.checked_in_at IS NULL) END,
    CASE WHEN TG_OP <> 'DELETE' THEN dash_count_fact('summons', place, NULL, NEW.checked_in_at IS NULL) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dash_summons AFTER INSERT OR UPDATE OR DELETE ON summons_department FOR EACH ROW EXECUTE FUNCTION dash_summons_changed();
--> statement-breakpoint
-- The scopes a fact counts in: every ancestor region of its region, the region itself, its grid.
CREATE FUNCTION dash_scopes(region_code text, grid_id uuid) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT s FROM unnest(ARRAY[
    rpad(left(region_code, 2), 12, '0'), rpad(left(region_code, 4), 12, '0'), rpad(left(region_code, 6), 12, '0'),
    rpad(left(region_code, 9), 12, '0'), region_code,
    CASE WHEN grid_id IS NOT NULL THEN region_code || '/' || grid_id END]) s
  WHERE s IS NOT NULL
$$;
--> statement-breakpoint
CREATE TABLE dash_now (
  scope text PRIMARY KEY,
  open_tickets integer NOT NULL DEFAULT 0,
  overdue_tickets integer NOT NULL DEFAULT 0,
  emergency_open integer NOT NULL DEFAULT 0,
  residents integer NOT NULL DEFAULT 0,
  households integer NOT NULL DEFAULT 0,
  grid_workers integer NOT NULL DEFAULT 0,
  pending_summonses integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE INDEX dash_now_scope_prefix_idx ON dash_now (scope text_pattern_ops);
--> statement-breakpoint
CREATE TABLE dash_day (
  scope text NOT NULL,
  day date NOT NULL,
  reported integer NOT NULL DEFAULT 0,
  closed integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, day)
);
--> statement-breakpoint
CREATE TABLE dash_month (
  scope text NOT NULL,
  month date NOT NULL,
  reported integer NOT NULL DEFAULT 0,
  closed integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, month)
);
--> statement-breakpoint
CREATE INDEX dash_month_month_scope_idx ON dash_month (month, scope text_pattern_ops);
--> statement-breakpoint
CREATE TABLE dash_category_month (
  scope text NOT NULL,
  month date NOT NULL,
  category_id uuid NOT NULL,
  reported integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, month, category_id)
);
--> statement-breakpoint
CREATE TABLE dash_department_month (
  scope text NOT NULL,
  month date NOT NULL,
  department_id uuid NOT NULL,
  assigned integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, month, department_id)
);
--> statement-breakpoint
-- The map's open and overdue ticket layers: the newest open tickets under a region.
CREATE INDEX ticket_open_region_created_idx ON ticket (region_code text_pattern_ops, created_at)
  WHERE status IN ('reported', 'accepted', 'dispatched', 'handling', 'reported_back');
