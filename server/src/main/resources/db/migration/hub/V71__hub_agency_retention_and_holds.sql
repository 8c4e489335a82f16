-- Issue 21 item 3, hub mode: each agency's own retention, and legal holds that belong to an agency.
--
-- An agency's profile (one of the shipped profiles, by key) is recorded when it is registered, with the detection
-- retention and zone it brings, so that the database, not the caller, decides when an agency's reads of a day are
-- due, as it does for the whole day (V40, V42). NULL: the agency follows the profile in force (department_rules), as
-- the home agency and every agency registered before this migration do. An agency is never changed (V70), so its
-- retention is what it was registered with.
ALTER TABLE hub_agencies
    ADD COLUMN profile              text,
    ADD COLUMN detection_retention  interval,
    ADD COLUMN zone                 text,
    ADD CHECK ((profile IS NULL) = (detection_retention IS NULL) AND (profile IS NULL) = (zone IS NULL));

-- The local date on which the agency's reads in the UTC day partition `day` are due (NULL: never): its own retention
-- and zone, or the department's. Mirrors policy.PurgeCalendar.partitionDueOn.
CREATE FUNCTION agency_partition_due_on(day date, agency integer) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT (((((day + 1)::timestamp AT TIME ZONE 'UTC') - interval '1 microsecond')
                AT TIME ZONE coalesce(a.zone, r.zone))::date
            + coalesce(a.detection_retention, r.detection_retention))::date
    FROM hub_agencies a CROSS JOIN department_rules r
    WHERE a.id = agency
$$;

-- A day partition goes only when every agency's reads in it are due: the latest of the agencies' dates (NULL when any
-- agency keeps its reads indefinitely). A single department has one agency that follows department_rules, so this is
-- the date V40 computed. An agency's recorded retention can only delay a drop, never bring one forward.
CREATE OR REPLACE FUNCTION detection_partition_due_on(day date) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT CASE WHEN bool_or(d.due IS NULL) THEN NULL ELSE max(d.due) END
    FROM (SELECT agency_partition_due_on(day, a.id) AS due FROM hub_agencies a) d
$$;

-- The days whose reads of one agency the hub's purge deleted while the day's partition stays for the others (hub mode
-- only): the purge does each (day, agency) once. They go with the day's partition.
CREATE TABLE hub_agency_purged_days (
    day        date    NOT NULL,
    agency_id  integer NOT NULL REFERENCES hub_agencies (id),
    PRIMARY KEY (day, agency_id)
);
REVOKE UPDATE, TRUNCATE ON hub_agency_purged_days FROM "${appRole}";

-- Deletes one agency's reads of a UTC day from the kept partition (hub mode; the held ones were moved out first, in
-- the same transaction), with their receipts, once the database's own check says they are due. Through the parent
-- table, so plate_days' counts (V54) lose exactly these reads and the day's seal (V67) is voided. Answers the count,
-- the SHA-256 over their ids (as purge_detection_partition does) and the images that no read or held read refers to
-- any more: those of the deleted reads that no other read of the day, and no later day, refers to (an image is one
-- camera's photo, and the agency's reads of the days before are gone already).
CREATE FUNCTION purge_agency_detections(day date, agency integer)
    RETURNS TABLE (removed bigint, removed_ids_sha256 text, images text[])
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    SET work_mem = '128MB' AS $$
DECLARE
    due date := agency_partition_due_on(day, agency);
    agency_zone text;
    day_from timestamptz := day::timestamp AT TIME ZONE 'UTC';
    day_to timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    SELECT coalesce(a.zone, r.zone) INTO agency_zone
    FROM hub_agencies a CROSS JOIN department_rules r WHERE a.id = agency;
    IF due IS NULL OR (now() AT TIME ZONE agency_zone)::date < due THEN
        RAISE EXCEPTION 'the reads of agency % in partition of % are not due', agency, day
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
    WITH gone AS (
        DELETE FROM detections d
        WHERE d.captured_at >= day_from AND d.captured_at < day_to AND d.agency_id = agency
        RETURNING d.read_id, d.captured_at, d.image_sha256
    ), receipts AS (
        DELETE FROM read_receipts rc USING gone g
        WHERE rc.captured_at >= day_from AND rc.captured_at < day_to
          AND rc.read_id = g.read_id AND rc.captured_at = g.captured_at
        RETURNING rc.read_id
    )
    SELECT (SELECT count(*) FROM gone),
           encode(sha256(coalesce((SELECT string_agg(uuid_send(g.read_id), ''::bytea ORDER BY g.read_id) FROM gone g),
                                  ''::bytea)), 'hex'),
           ARRAY(SELECT DISTINCT g.image_sha256::text FROM gone g
                 JOIN detection_images i ON i.sha256 = g.image_sha256
                 WHERE i.last_captured_on <= day
                   AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.image_sha256 = g.image_sha256)
                   AND NOT EXISTS (SELECT 1 FROM detections o
                                   WHERE o.captured_at >= day_from AND o.captured_at < day_to
                                     AND o.agency_id <> agency AND o.image_sha256 = g.image_sha256)
                 ORDER BY 1);
END
$$;
REVOKE EXECUTE ON FUNCTION purge_agency_detections(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_agency_detections(date, integer) TO "${appRole}";

-- Which agency's reads a certificate is about: NULL for a day partition dropped whole (every agency's reads left in
-- it, and a single department's), the agency's code for its reads deleted from a kept partition.
ALTER TABLE deletion_certificates ADD COLUMN agency text;

-- Legal holds belong to an agency: its members place them on its own reads only, and see its own holds only. The
-- reads a hold names and the held detections carry the agency too, so that row-level security (hub mode) needs no
-- join. Existing rows: a hold is its placer's agency's; a held read its camera's.
ALTER TABLE legal_holds ADD COLUMN agency_id integer NOT NULL DEFAULT 1 REFERENCES hub_agencies (id);
ALTER TABLE legal_hold_reads ADD COLUMN agency_id integer NOT NULL DEFAULT 1 REFERENCES hub_agencies (id);
ALTER TABLE held_detections ADD COLUMN agency_id integer NOT NULL DEFAULT 1 REFERENCES hub_agencies (id);
UPDATE legal_holds l SET agency_id = u.agency_id FROM users u WHERE u.username = l.placed_by AND u.agency_id <> 1;
UPDATE legal_hold_reads r SET agency_id = l.agency_id FROM legal_holds l WHERE l.id = r.hold_id AND l.agency_id <> 1;
UPDATE held_detections h SET agency_id = d.agency_id FROM devices d WHERE d.id = h.device_id AND d.agency_id <> 1;

-- In force in hub mode only, as V70's. The hub-wide purge sees every hold and moves any agency's held reads (it names
-- the agency of the read it moves).
CREATE POLICY legal_holds_by_agency ON legal_holds TO "${appRole}"
    USING (agency_id = (SELECT platewatch_agency()) OR (SELECT platewatch_hub_wide()))
    WITH CHECK (agency_id = (SELECT platewatch_agency()));
CREATE POLICY legal_hold_reads_by_agency ON legal_hold_reads TO "${appRole}"
    USING (agency_id = (SELECT platewatch_agency()) OR (SELECT platewatch_hub_wide()))
    WITH CHECK (agency_id = (SELECT platewatch_agency()));
CREATE POLICY held_detections_by_agency ON held_detections TO "${appRole}"
    USING (agency_id = (SELECT platewatch_agency()) OR (SELECT platewatch_hub_wide()))
    WITH CHECK (agency_id = (SELECT platewatch_agency()) OR (SELECT platewatch_hub_wide()));

-- Hub mode on: as V70's, and the holds' tables too. Each table is switched on its own (a hub that started before
-- this migration has detections' row-level security on already).
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
    PERFORM seal_detection_partitions();
END
$$;
REVOKE EXECUTE ON FUNCTION hub_mode_enable() FROM PUBLIC, "${appRole}";
