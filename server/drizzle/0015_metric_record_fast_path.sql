-- Custom SQL migration file, put your code below! --
-- A new or removed row (intake's case) appends its non-zero facts as they are; only a change of
-- a row nets its old facts against its new ones.
CREATE OR REPLACE FUNCTION metric_record(old_region text, old_grid uuid, old_facts metric_fact[], new_region text, new_grid uuid, new_facts metric_fact[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF old_region IS NULL THEN
    IF new_region IS NOT NULL THEN
      INSERT INTO metric_delta (fact, region_code, grid_id, day, dim, value)
      SELECT f.fact, new_region, new_grid, f.day, f.dim, f.value FROM unnest(new_facts) f WHERE f.value <> 0;
    END IF;
    RETURN;
  END IF;
  IF new_region IS NULL THEN
    INSERT INTO metric_delta (fact, region_code, grid_id, day, dim, value)
    SELECT f.fact, old_region, old_grid, f.day, f.dim, -f.value FROM unnest(old_facts) f WHERE f.value <> 0;
    RETURN;
  END IF;
  IF old_region = new_region AND old_grid IS NOT DISTINCT FROM new_grid AND old_facts IS NOT DISTINCT FROM new_facts THEN
    RETURN;
  END IF;
  INSERT INTO metric_delta (fact, region_code, grid_id, day, dim, value)
  SELECT c.fact, c.region_code, c.grid_id, c.day, c.dim, sum(c.value)::integer FROM (
    SELECT old_region AS region_code, old_grid AS grid_id, f.fact, f.day, f.dim, -f.value AS value FROM unnest(old_facts) f
    UNION ALL
    SELECT new_region, new_grid, f.fact, f.day, f.dim, f.value FROM unnest(new_facts) f
  ) c
  GROUP BY c.fact, c.region_code, c.grid_id, c.day, c.dim
  HAVING sum(c.value) <> 0;
END;
$$;
