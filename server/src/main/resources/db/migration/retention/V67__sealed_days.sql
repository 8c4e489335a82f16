-- Issue 17, a purge that does not grow with the day. Three parts of it did: the certificate's SHA-256 over the day's
-- ids, the day's plate_days rows and its receipts. plate_days and read_receipts are partitioned by day now (V65, V66)
-- and go with the day's partition; the hash is computed ahead of time, here.
--
-- A sealed day: the digest of a day partition's read ids (the certificate's SHA-256: 16 bytes each, big-endian,
-- ascending), computed by the sealing job (retention.DaySeals) once the day is past every device's upload window,
-- weeks before the day is due. Any statement that adds a read to the day, removes one from it or moves one in or out
-- of it deletes the day's seal (the trigger below), in the writing transaction, so a seal that exists is the digest
-- of exactly the ids in the partition; the job seals the day again on its next run. (The triggers are on
-- `detections`, as V54's: a statement on one partition by name does not fire them. The only such write is the purge's
-- move of held reads, after it has taken the seal.) The purge certifies against a
-- seal when there is one (ids_cover 'SEALED': the sealed digest is over the ids destroyed plus the held ids the
-- certificate lists) and hashes the ids itself when there is none ('REMOVED', as before).
CREATE TABLE sealed_days (
    day         date        PRIMARY KEY,  -- the UTC day of detections_pYYYYMMDD
    detections  bigint      NOT NULL,
    ids_sha256  char(64)    NOT NULL,
    sealed_at   timestamptz NOT NULL
);
-- Only the database's own functions seal a day; the application may read the seals.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON sealed_days FROM "${appRole}";

CREATE FUNCTION sealed_days_void(days date[])
    RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM sealed_days WHERE day = ANY (days);
$$;
REVOKE EXECUTE ON FUNCTION sealed_days_void(date[]) FROM PUBLIC, "${appRole}";

CREATE FUNCTION sealed_days_after_insert()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- Most inserts are of today, which no seal covers: one probe of the small sealed_days per statement.
    IF EXISTS (SELECT 1 FROM sealed_days) THEN
        PERFORM sealed_days_void(ARRAY(SELECT DISTINCT (captured_at AT TIME ZONE 'UTC')::date FROM added));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION sealed_days_after_delete()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM sealed_days) THEN
        PERFORM sealed_days_void(ARRAY(SELECT DISTINCT (captured_at AT TIME ZONE 'UTC')::date FROM removed));
    END IF;
    RETURN NULL;
END
$$;

-- An update that keeps every read id on its day (a corrected plate, an image attached) leaves the ids, and so the
-- seal, as they were; one that changes a read id or moves a read to another day voids both days' seals.
CREATE FUNCTION sealed_days_after_update()
    RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM sealed_days) THEN
        PERFORM sealed_days_void(ARRAY(
            SELECT DISTINCT day FROM (
                (SELECT read_id, (captured_at AT TIME ZONE 'UTC')::date AS day FROM removed
                 EXCEPT SELECT read_id, (captured_at AT TIME ZONE 'UTC')::date FROM added)
                UNION ALL
                (SELECT read_id, (captured_at AT TIME ZONE 'UTC')::date FROM added
                 EXCEPT SELECT read_id, (captured_at AT TIME ZONE 'UTC')::date FROM removed)) changed));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER detections_sealed_days_insert AFTER INSERT ON detections
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION sealed_days_after_insert();
CREATE TRIGGER detections_sealed_days_delete AFTER DELETE ON detections
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION sealed_days_after_delete();
CREATE TRIGGER detections_sealed_days_update AFTER UPDATE ON detections
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION sealed_days_after_update();

-- Seals one day partition: its count and digest, under a SHARE lock on the partition, so no write to the day can
-- commit between the hash and the seal (such a write waits, then voids the seal it finds). The caller (the sealing
-- job) decides which days are past the upload window; sealing a day early is harmless, only wasted: a late read
-- voids it. Answers false when the day has no partition.
CREATE FUNCTION seal_detection_partition(day date)
    RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    SET work_mem = '128MB' AS $$
DECLARE
    partition_name text := format('detections_p%s', to_char(day, 'YYYYMMDD'));
    n bigint;
    digest text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_inherits
                   WHERE inhrelid = to_regclass(partition_name) AND inhparent = 'detections'::regclass) THEN
        RETURN false;
    END IF;
    EXECUTE format('LOCK TABLE %I IN SHARE MODE', partition_name);
    EXECUTE format(
        'SELECT count(*), encode(sha256(coalesce(string_agg(uuid_send(read_id), ''''::bytea ORDER BY read_id),'
            || ' ''''::bytea)), ''hex'') FROM %I', partition_name) INTO n, digest;
    INSERT INTO sealed_days AS s (day, detections, ids_sha256, sealed_at)
    VALUES (seal_detection_partition.day, n, digest, now())
    ON CONFLICT ON CONSTRAINT sealed_days_pkey
        DO UPDATE SET detections = EXCLUDED.detections, ids_sha256 = EXCLUDED.ids_sha256, sealed_at = EXCLUDED.sealed_at;
    RETURN true;
END
$$;

-- The purge takes the day's seal before it moves the held reads out (which voids it): under an ACCESS EXCLUSIVE lock
-- on the partition, which the drop takes anyway, so nothing else writes to the day between this and the drop, and a
-- seal read here is the digest of the ids that are in the partition now.
CREATE FUNCTION take_detection_partition_seal(day date)
    RETURNS TABLE (detections bigint, ids_sha256 text, sealed_at timestamptz)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    partition_name text := format('detections_p%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF to_regclass(partition_name) IS NULL THEN
        RETURN;
    END IF;
    -- In the order an upload that creates a day takes them (the advisory lock, then the partitions), so the two
    -- cannot deadlock; purge_detection_partition takes the advisory lock again (it is held already).
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', partition_name);
    RETURN QUERY SELECT s.detections, s.ids_sha256::text, s.sealed_at FROM sealed_days s
                 WHERE s.day = take_detection_partition_seal.day;
END
$$;

-- What a certificate's SHA-256 covers: 'REMOVED', the ids destroyed (hashed in the purge); 'SEALED', the ids of the
-- day when it was sealed (sealed_at), which are the ids destroyed plus held_ids, the reads a hold kept (listed).
ALTER TABLE deletion_certificates
    ADD COLUMN ids_cover text NOT NULL DEFAULT 'REMOVED' CHECK (ids_cover IN ('REMOVED', 'SEALED')),
    ADD COLUMN sealed_at timestamptz,
    ADD COLUMN held_ids  uuid[] NOT NULL DEFAULT '{}',
    ADD CHECK ((ids_cover = 'SEALED') = (sealed_at IS NOT NULL));

-- A day's partition of detections and of their receipts (V65), and its month's partition of plate_days (V66), created
-- together.
CREATE OR REPLACE FUNCTION ensure_detection_partition(day date) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    suffix text := to_char(day, 'YYYYMMDD');
    month_name text := 'plate_days_p' || to_char(day, 'YYYYMM');
    month_start date := date_trunc('month', day)::date;
    day_from timestamptz := day::timestamp AT TIME ZONE 'UTC';
    day_to timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
    created boolean := false;
BEGIN
    IF to_regclass('detections_p' || suffix) IS NOT NULL AND to_regclass('read_receipts_p' || suffix) IS NOT NULL
       AND to_regclass(month_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    -- Each on its own: a day partition attached from outside (a bulk load) may come without the others.
    IF to_regclass(month_name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF plate_days FOR VALUES FROM (%L) TO (%L)',
                       month_name, month_start, (month_start + interval '1 month')::date);
        -- The default privileges give the application role writes on every new table; only the triggers write this.
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM %I', month_name, '${appRole}');
    END IF;
    IF to_regclass('detections_p' || suffix) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF detections FOR VALUES FROM (%L) TO (%L)',
                       'detections_p' || suffix, day_from, day_to);
        created := true;
        -- A day made again after its purge (a late upload of a day not yet due when the profile was shorter, the
        -- demo's history): its old counts, unseen since, must not add to the new reads'.
        IF EXISTS (SELECT 1 FROM plate_days_purged p WHERE p.day = ensure_detection_partition.day) THEN
            DELETE FROM plate_days p WHERE p.day = ensure_detection_partition.day;
            DELETE FROM plate_days_purged p WHERE p.day = ensure_detection_partition.day;
        END IF;
    END IF;
    IF to_regclass('read_receipts_p' || suffix) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF read_receipts FOR VALUES FROM (%L) TO (%L)',
                       'read_receipts_p' || suffix, day_from, day_to);
    END IF;
    RETURN created;
END
$$;

-- The purge as in V54, constant in the size of the day: with a seal it does not read the ids (the caller took the
-- seal, take_detection_partition_seal, before moving the held reads out); the day's receipts go with its partition, a
-- DROP; its plate_days rows are marked purged (one row) and go with their month's partition, dropped once no day of
-- the month is left. hash = false answers removed and removed_ids_sha256 as NULL.
DROP FUNCTION purge_detection_partition(date);
CREATE FUNCTION purge_detection_partition(day date, hash boolean DEFAULT true)
    RETURNS TABLE (removed bigint, removed_ids_sha256 text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    SET work_mem = '128MB' AS $$
DECLARE
    suffix text := to_char(day, 'YYYYMMDD');
    partition_name text := 'detections_p' || suffix;
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
    IF hash THEN
        RETURN QUERY EXECUTE format(
            'SELECT count(*), encode(sha256(coalesce(string_agg(uuid_send(read_id), ''''::bytea ORDER BY read_id),'
                || ' ''''::bytea)), ''hex'') FROM %I', partition_name);
    ELSE
        RETURN QUERY SELECT NULL::bigint, NULL::text;
    END IF;
    EXECUTE format('DROP TABLE %I', partition_name);
    EXECUTE format('DROP TABLE IF EXISTS %I', 'read_receipts_p' || suffix);
    DELETE FROM sealed_days s WHERE s.day = purge_detection_partition.day;
    INSERT INTO plate_days_purged (day) VALUES (purge_detection_partition.day) ON CONFLICT DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                   WHERE i.inhparent = 'detections'::regclass
                     AND c.relname LIKE 'detections\_p' || to_char(day, 'YYYYMM') || '%') THEN
        EXECUTE format('DROP TABLE IF EXISTS %I', 'plate_days_p' || to_char(day, 'YYYYMM'));
        DELETE FROM plate_days_purged p
        WHERE p.day >= date_trunc('month', purge_detection_partition.day)::date
          AND p.day < (date_trunc('month', purge_detection_partition.day) + interval '1 month')::date;
    END IF;
END
$$;
