-- Custom SQL migration file, put your code below! --
-- hand-written: ID numbers are masked to their first 2 and last 2 characters (was 4 and 4), so
-- the stored masks are masked again; an old mask holds every character the new one shows.
UPDATE "resident" SET "id_masked" = CASE
  WHEN length("id_masked") <= 6 THEN repeat('*', length("id_masked"))
  ELSE left("id_masked", 2) || repeat('*', length("id_masked") - 4) || right("id_masked", 2)
END;
