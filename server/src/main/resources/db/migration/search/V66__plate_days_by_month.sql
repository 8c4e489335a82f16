-- Issue 17, a purge that does not grow with the day: the purge no longer deletes a purged day's plate_days rows (V54)
-- in the drop's transaction (600 K rows for a city day of a million detections).
--
-- plate_days is partitioned by calendar month (plate_days_pYYYYMM), not by day. By day, the exact-plate search's
-- first read (PlateDays) would probe one index per day partition, ~370 of them: measured at 1 M detections, 9 ms p50
-- (generic plan) and 32 ms (custom) where one index had taken 0.07 ms, most of the search's 20 ms budget (issue 16).
-- By month it probes about 13. The purge marks a dropped day in plate_days_purged (one row, constant); the search
-- leaves out the days marked there; and once no day partition of a month is left, the purge drops the month's
-- partition and its marks (a DROP, constant too). A purged day's rows thus linger, unseen, until their month goes:
-- at most a month of them. docs/retention.md, "plate_days by month", has the trade-off.
ALTER TABLE plate_days RENAME TO plate_days_unpartitioned;
ALTER INDEX plate_days_pkey RENAME TO plate_days_unpartitioned_pkey;
ALTER INDEX plate_days_day_idx RENAME TO plate_days_unpartitioned_day_idx;

CREATE TABLE plate_days (
    plate  text    NOT NULL,
    state  text    NOT NULL,  -- '' where the issuing state is unknown (a key column cannot be null)
    day    date    NOT NULL,  -- the UTC capture day: the day partition the reads are in
    reads  integer NOT NULL,
    -- The count in the key's leaves: the search's probe of each month is an index-only scan.
    PRIMARY KEY (plate, state, day) INCLUDE (reads)
) PARTITION BY RANGE (day);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON plate_days FROM "${appRole}";

-- The days whose detections partition was dropped while their month's plate_days partition stays.
CREATE TABLE plate_days_purged (
    day  date PRIMARY KEY
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON plate_days_purged FROM "${appRole}";

DO $$
DECLARE
    month_start date;
    name text;
BEGIN
    FOR month_start IN
        SELECT DISTINCT date_trunc('month', to_date(substring(c.relname FROM 13), 'YYYYMMDD'))::date
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'detections'::regclass AND c.relname ~ '^detections_p[0-9]{8}$'
    LOOP
        name := format('plate_days_p%s', to_char(month_start, 'YYYYMM'));
        EXECUTE format('CREATE TABLE %I PARTITION OF plate_days FOR VALUES FROM (%L) TO (%L)',
                       name, month_start, (month_start + interval '1 month')::date);
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
WHERE to_regclass(format('detections_p%s', to_char(p.day, 'YYYYMMDD'))) IS NOT NULL;

DROP TABLE plate_days_unpartitioned;
