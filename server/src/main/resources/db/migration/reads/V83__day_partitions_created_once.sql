-- Two servers starting together (or two late uploads of one new day on two servers) both create the day's
-- partitions. V67's function takes an advisory lock before creating, but it decides what is missing with
-- to_regclass, which reads the backend's catalog cache: the waiter's cache, filled before the lock was granted,
-- still says "missing" after the first creator has committed, and its CREATE TABLE fails with "relation already
-- exists". Here what exists is asked of pg_class by a query once the lock is held (a new snapshot, after the other
-- creator's commit), and each CREATE is IF NOT EXISTS as well (checked after the schema's lock, with the cache
-- brought up to date), so the second caller finds the day made and creates nothing.
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
    -- The common case, without the lock: every one of the day's tables is there already.
    IF to_regclass('detections_p' || suffix) IS NOT NULL AND to_regclass('read_receipts_p' || suffix) IS NOT NULL
       AND to_regclass(month_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    -- Each on its own: a day partition attached from outside (a bulk load) may come without the others.
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = month_name
                                              AND c.relnamespace = 'public'::regnamespace) THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF plate_days FOR VALUES FROM (%L) TO (%L)',
                       month_name, month_start, (month_start + interval '1 month')::date);
        -- The default privileges give the application role writes on every new table; only the triggers write this.
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM %I', month_name, '${appRole}');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = 'detections_p' || suffix
                                              AND c.relnamespace = 'public'::regnamespace) THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF detections FOR VALUES FROM (%L) TO (%L)',
                       'detections_p' || suffix, day_from, day_to);
        created := true;
        -- A day made again after its purge (a late upload of a day not yet due when the profile was shorter, the
        -- demo's history): its old counts, unseen since, must not add to the new reads'.
        IF EXISTS (SELECT 1 FROM plate_days_purged p WHERE p.day = ensure_detection_partition.day) THEN
            DELETE FROM plate_days p WHERE p.day = ensure_detection_partition.day;
            DELETE FROM plate_days_purged p WHERE p.day = ensure_detection_partition.day;
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = 'read_receipts_p' || suffix
                                              AND c.relnamespace = 'public'::regnamespace) THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF read_receipts FOR VALUES FROM (%L) TO (%L)',
                       'read_receipts_p' || suffix, day_from, day_to);
    END IF;
    RETURN created;
END
$$;
