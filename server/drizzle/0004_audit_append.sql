-- Appends one entry to the hash-chained audit log in a single round trip. The chain's lock is
-- taken first; each statement of a VOLATILE function then reads with a fresh snapshot, so the
-- head read after the lock is the newest committed entry, and the identity value is drawn after
-- the lock, so ids follow the chain. p_body is the entry's canonical text (write-audit.ts
-- chainHash): hash = sha256(prev_hash || '\n' || body).
CREATE FUNCTION audit_append(
  p_at timestamptz, p_actor_id text, p_actor_name text, p_role text, p_scope text, p_action text,
  p_object_type text, p_object_id text, p_subject text, p_outcome text, p_ip text, p_request_id text,
  p_region_code text, p_details jsonb, p_body text
) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  next_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7301002);
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  next_hash := encode(sha256(convert_to(prev || E'\n' || p_body, 'UTF8')), 'hex');
  INSERT INTO audit_log (at, actor_id, actor_name, role, scope, action, object_type, object_id, subject, outcome, ip, request_id, region_code, details, prev_hash, hash)
  VALUES (p_at, p_actor_id, p_actor_name, p_role, p_scope, p_action, p_object_type, p_object_id, p_subject, p_outcome, p_ip, p_request_id, p_region_code, p_details, prev, next_hash);
  RETURN next_hash;
END;
$$;
