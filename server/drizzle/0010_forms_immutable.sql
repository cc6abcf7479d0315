-- A published form version never changes: submissions name it and must keep meaning what they
-- meant. Only its status may move on (published -> retired, with who and when); a draft may
-- change freely and be deleted. Published and retired versions cannot be deleted.
CREATE FUNCTION form_definition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE'
    OR NEW.definition IS DISTINCT FROM OLD.definition
    OR NEW.key IS DISTINCT FROM OLD.key
    OR NEW.version IS DISTINCT FROM OLD.version
    OR NEW.revision IS DISTINCT FROM OLD.revision
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR (OLD.status = 'retired' AND NEW IS DISTINCT FROM OLD)
    OR NEW.status = 'draft' THEN
    RAISE EXCEPTION 'form_definition %/% is %: it cannot change (% refused)', OLD.key, OLD.version, OLD.status, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER form_definition_immutable BEFORE UPDATE OR DELETE ON form_definition
  FOR EACH ROW EXECUTE FUNCTION form_definition_guard();
