-- Issue 17: the audit log keeps the profile's auditLogRetention (never under a year) and no longer.
--
-- audit_events stays append-only for everyone, with one narrow exception: purge_audit_events, run as the
-- schema owner, deletes the oldest records in chain order (every id up to one record, never the newest),
-- and only those recorded before the retention, which it reads from department_rules and checks against
-- its own clock. It writes where the chain now starts (the last removed record's id and hash) into
-- audit_chain_starts, so that `audit verify` begins there instead of at the genesis hash: the first
-- remaining record must point at that hash, so a record removed any other way still breaks the chain.
CREATE TABLE audit_chain_starts (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    through_id        bigint      NOT NULL,
    through_hash      char(64)    NOT NULL,
    through_at        timestamptz NOT NULL,
    records_removed   bigint      NOT NULL,
    recorded_before   timestamptz NOT NULL,
    purged_at         timestamptz NOT NULL
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_starts FROM "${appRole}";

-- The trigger still refuses every change, except a delete while purge_audit_events runs. A role could set
-- the flag itself, but only the owner may delete from audit_events at all, and the owner could disable the
-- trigger anyway: the flag keeps the owner's own purge from needing that.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('platewatch.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit records cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION purge_audit_events(recorded_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    kept interval;
    dept_zone text;
    through bigint;
    through_hash_value char(64);
    through_at_value timestamptz;
    n bigint;
BEGIN
    SELECT greatest(r.audit_log_retention, interval '1 year'), r.zone INTO kept, dept_zone FROM department_rules r;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no department rules: audit records are kept' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Due when the latest local day before the cut has reached the retention today (policy.PurgeCalendar).
    IF (((recorded_before - interval '1 microsecond') AT TIME ZONE dept_zone)::date + kept)::date
            > (now() AT TIME ZONE dept_zone)::date THEN
        RAISE EXCEPTION 'audit records from % on are within the retention (%)', recorded_before, kept
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- One writer extends or cuts the chain at a time: the lock AuditLog.record takes.
    PERFORM pg_advisory_xact_lock(hashtext('audit-chain'));
    -- Chain order: every record up to the last one before the first record that is still kept, and never
    -- the newest, whose hash the next record must point at.
    SELECT max(e.id) INTO through FROM audit_events e
    WHERE e.id < coalesce((SELECT min(k.id) FROM audit_events k WHERE k.occurred_at >= recorded_before),
                          (SELECT max(l.id) FROM audit_events l));
    IF through IS NULL THEN
        RETURN 0;
    END IF;
    SELECT e.hash, e.occurred_at INTO through_hash_value, through_at_value FROM audit_events e WHERE e.id = through;
    PERFORM set_config('platewatch.audit_purge', 'on', true);
    DELETE FROM audit_events e WHERE e.id <= through;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('platewatch.audit_purge', 'off', true);
    INSERT INTO audit_chain_starts (through_id, through_hash, through_at, records_removed, recorded_before, purged_at)
    VALUES (through, through_hash_value, through_at_value, n, recorded_before, now());
    RETURN n;
END
$$;

COMMENT ON TABLE audit_events IS
    'Hash-chained access log (Civil Code 1798.90.52, CJIS 5.4). Append-only: UPDATE/DELETE/TRUNCATE are '
    'revoked from the application role and refused by trigger. Kept for the department profile''s '
    'auditLogRetention (never under one year); only purge_audit_events deletes, the oldest records in chain '
    'order, and records where the chain then starts in audit_chain_starts.';
