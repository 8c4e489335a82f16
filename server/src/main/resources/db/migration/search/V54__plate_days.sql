-- Issue 16, exact-plate search over a year of day partitions: which UTC days each plate was read on, and how
-- often. A search for a full plate looks here first and then reads only the partitions of those days, newest
-- first, as many as fill its page; its total is the sum of the counts. Without it, every exact-plate search
-- opened all ~365 partitions and their indexes (8-13 ms of a 20 ms budget at 50 million detections, however
-- few days the plate was seen on). PostgreSQL has no global index over a partitioned table; this is one, for
-- the one lookup that needs it.
--
-- Kept by the database, not by the application: statement triggers on `detections` add and subtract what
-- each INSERT, UPDATE (a corrected plate or state) and DELETE changes, in the same transaction, so the counts
-- cannot drift from the rows whichever code writes them; and the application role may only read it, so no
-- caller can hide a plate's days from a search. Dropping a day partition (the retention purge) removes that
-- day's rows in the same transaction (purge_detection_partition, below).
CREATE TABLE plate_days (
    plate  text    NOT NULL,
    state  text    NOT NULL,  -- '' where the issuing state is unknown (a key column cannot be null)
    day    date    NOT NULL,  -- the UTC capture day: the day partition the reads are in
    reads  integer NOT NULL
);

-- The reads already stored (a large data set takes minutes: one pass, then the index built once).
SET LOCAL work_mem = '256MB';
INSERT INTO plate_days (plate, state, day, reads)
SELECT plate, coalesce(state, ''), (captured_at AT TIME ZONE 'UTC')::date, count(*)
FROM detections
GROUP BY 1, 2, 3;

ALTER TABLE plate_days ADD PRIMARY KEY (plate, state, day);
CREATE INDEX plate_days_day_idx ON plate_days (day);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON plate_days FROM "${appRole}";

-- Adds each key's change in reads (negative for reads that left it), in key order, so that two uploads
-- touching the same plates lock their rows in the same order and cannot deadlock; a key left with no reads
-- goes. SECURITY DEFINER: the triggers run it for the application role, which cannot write plate_days.
CREATE FUNCTION plate_days_apply(changes jsonb)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO plate_days AS p (plate, state, day, reads)
    SELECT c.plate, c.state, c.day, c.reads
    FROM jsonb_to_recordset(changes) AS c (plate text, state text, day date, reads integer)
    ORDER BY c.plate, c.state, c.day
    ON CONFLICT (plate, state, day) DO UPDATE SET reads = p.reads + EXCLUDED.reads;
    DELETE FROM plate_days p
    USING jsonb_to_recordset(changes) AS c (plate text, state text, day date, reads integer)
    WHERE c.reads < 0 AND p.plate = c.plate AND p.state = c.state AND p.day = c.day AND p.reads <= 0;
END
$$;
REVOKE EXECUTE ON FUNCTION plate_days_apply(jsonb) FROM PUBLIC, "${appRole}";

CREATE FUNCTION plate_days_after_insert()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM plate_days_apply(coalesce(jsonb_agg(c), '[]')) FROM (
        SELECT plate, coalesce(state, '') AS state, (captured_at AT TIME ZONE 'UTC')::date AS day, count(*) AS reads
        FROM added GROUP BY 1, 2, 3) c;
    RETURN NULL;
END
$$;

CREATE FUNCTION plate_days_after_delete()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM plate_days_apply(coalesce(jsonb_agg(c), '[]')) FROM (
        SELECT plate, coalesce(state, '') AS state, (captured_at AT TIME ZONE 'UTC')::date AS day, -count(*) AS reads
        FROM removed GROUP BY 1, 2, 3) c;
    RETURN NULL;
END
$$;

-- An update that changes no plate, state or day (an image attached after the read, say) changes no count and
-- writes nothing here.
CREATE FUNCTION plate_days_after_update()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM plate_days_apply(coalesce(jsonb_agg(c), '[]')) FROM (
        SELECT plate, state, day, sum(reads) AS reads FROM (
            SELECT plate, coalesce(state, '') AS state, (captured_at AT TIME ZONE 'UTC')::date AS day, -1 AS reads
            FROM removed
            UNION ALL
            SELECT plate, coalesce(state, ''), (captured_at AT TIME ZONE 'UTC')::date, 1 FROM added) u
        GROUP BY 1, 2, 3
        HAVING sum(reads) <> 0) c;
    RETURN NULL;
END
$$;

CREATE TRIGGER detections_plate_days_insert AFTER INSERT ON detections
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION plate_days_after_insert();
CREATE TRIGGER detections_plate_days_delete AFTER DELETE ON detections
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION plate_days_after_delete();
CREATE TRIGGER detections_plate_days_update AFTER UPDATE ON detections
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION plate_days_after_update();

-- The purge as in V42, and the day's plate_days rows with its partition: a dropped partition fires no trigger.
CREATE OR REPLACE FUNCTION purge_detection_partition(day date)
    RETURNS TABLE (removed bigint, removed_ids_sha256 text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    SET work_mem = '128MB' AS $$
DECLARE
    partition_name text := format('detections_p%s', to_char(day, 'YYYYMMDD'));
    dept_zone text;
    due date;
BEGIN
    SELECT r.zone INTO dept_zone FROM department_rules r WHERE r.detection_retention IS NOT NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'detections are kept indefinitely under this department''s rules'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    due := detection_partition_due_on(day);
    IF (now() AT TIME ZONE dept_zone)::date < due THEN
        RAISE EXCEPTION 'partition % is not due before %', partition_name, due
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits
                   WHERE inhrelid = to_regclass(partition_name) AND inhparent = 'detections'::regclass) THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    RETURN QUERY EXECUTE format(
        'SELECT count(*), encode(sha256(coalesce(string_agg(uuid_send(read_id), ''''::bytea ORDER BY read_id),'
            || ' ''''::bytea)), ''hex'') FROM %I', partition_name);
    EXECUTE format('DROP TABLE %I', partition_name);
    DELETE FROM plate_days p WHERE p.day = purge_detection_partition.day;
END
$$;
