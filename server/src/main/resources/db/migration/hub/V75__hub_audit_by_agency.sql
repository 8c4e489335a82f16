-- Issue 21 item 3, hub mode: each agency's audit log is its own, its own hash chain. Every record names the agency
-- it was recorded for; every existing record, and every record of a single department, is the home agency's (id 1)
-- by the column's constant default (metadata only: no rewrite, no index). A single department keeps one chain,
-- read and extended exactly as before: the policy below exists but is not in force.
ALTER TABLE audit_events ADD COLUMN agency_id integer NOT NULL DEFAULT 1;

-- In hub mode the application role sees and appends only the acting agency's records, so AuditLog's read of the
-- chain head is that agency's head, and the trail, its CSV, the chain-head and verification are that agency's.
-- Work without an agency (start-up, the hub-wide purges, scheduled jobs) is the home agency's: it reads and extends
-- the home agency's chain, never another's, and never a chain it cannot see.
CREATE POLICY audit_events_by_agency ON audit_events TO "${appRole}"
    USING (agency_id = (SELECT coalesce(platewatch_agency(), 1)))
    WITH CHECK (agency_id = (SELECT coalesce(platewatch_agency(), 1)));

-- hub_mode_enable (V70, as V71 left it) now also switches the audit log's row-level security on, makes new records the acting
-- agency's (none: the home agency's), and adds the index each agency's chain head is found by. Its own guard, so that
-- a database that is a hub already gets it at its next start.
CREATE OR REPLACE FUNCTION hub_mode_enable() RETURNS void
    LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
    t text;
BEGIN
    INSERT INTO hub_mode (enabled_at) VALUES (now()) ON CONFLICT DO NOTHING;
    FOREACH t IN ARRAY ARRAY['detections', 'alerts', 'searches', 'legal_holds', 'legal_hold_reads', 'held_detections']
    LOOP
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = t::regclass) THEN
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE %I ALTER COLUMN agency_id SET DEFAULT platewatch_agency()', t);
            IF t = 'detections' THEN
                -- Members and devices a command line or start-up creates (no agency set) are the home agency's.
                ALTER TABLE users ALTER COLUMN agency_id SET DEFAULT coalesce(platewatch_agency(), 1);
                ALTER TABLE devices ALTER COLUMN agency_id SET DEFAULT coalesce(platewatch_agency(), 1);
            END IF;
        END IF;
    END LOOP;
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = 'audit_events'::regclass) THEN
        CREATE INDEX IF NOT EXISTS audit_events_agency_idx ON audit_events (agency_id, id);
        ALTER TABLE audit_events ALTER COLUMN agency_id SET DEFAULT coalesce(platewatch_agency(), 1);
        ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
    END IF;
    PERFORM seal_detection_partitions();
END
$$;
REVOKE EXECUTE ON FUNCTION hub_mode_enable() FROM PUBLIC, "${appRole}";
