-- Issue 17, a purge that does not grow with the day: plate_days (V54) is partitioned by its UTC day, the same days as
-- the detections' partitions, created with them (ensure_detection_partition) and dropped with them
-- (purge_detection_partition, V67), where the purge deleted the day's rows one by one (600 K for a city day of a
-- million detections).
--
-- The exact-plate search's first read (PlateDays) now probes one small index per day partition. The key INCLUDEs the
-- read count, so each probe is an index-only scan (the visibility map of a past day's partition is all-visible once
-- vacuumed); docs/benchmarks.md "Retention" has what it costs.
ALTER TABLE plate_days RENAME TO plate_days_unpartitioned;
ALTER INDEX plate_days_pkey RENAME TO plate_days_unpartitioned_pkey;
ALTER INDEX plate_days_day_idx RENAME TO plate_days_unpartitioned_day_idx;

CREATE TABLE plate_days (
    plate  text    NOT NULL,
    state  text    NOT NULL,  -- '' where the issuing state is unknown (a key column cannot be null)
    day    date    NOT NULL,  -- the UTC capture day: the day partition the reads are in
    reads  integer NOT NULL,
    PRIMARY KEY (plate, state, day) INCLUDE (reads)
) PARTITION BY RANGE (day);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON plate_days FROM "${appRole}";

DO $$
DECLARE
    day date;
    name text;
BEGIN
    FOR day IN
        SELECT to_date(substring(c.relname FROM 13), 'YYYYMMDD')
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'detections'::regclass AND c.relname ~ '^detections_p[0-9]{8}$'
    LOOP
        name := format('plate_days_p%s', to_char(day, 'YYYYMMDD'));
        EXECUTE format('CREATE TABLE %I PARTITION OF plate_days FOR VALUES FROM (%L) TO (%L)', name, day, day + 1);
        -- The default privileges give the application role writes on every new table; not on these.
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM %I', name, '${appRole}');
    END LOOP;
END
$$;

-- The counts of the days that have a partition (a purged day has none, and no counts since V54).
SET LOCAL work_mem = '256MB';
INSERT INTO plate_days (plate, state, day, reads)
SELECT p.plate, p.state, p.day, p.reads
FROM plate_days_unpartitioned p
WHERE to_regclass(format('plate_days_p%s', to_char(p.day, 'YYYYMMDD'))) IS NOT NULL;

DROP TABLE plate_days_unpartitioned;
