-- Issue 17, a purge that does not grow with the day: the receipts are partitioned by UTC capture day like the
-- detections, so that the purge drops a day's receipts with its partition (purge_detection_partition, V67) instead of
-- deleting them in batches afterwards (12 s for a day of a million).
--
-- A primary key on a partitioned table must include the partition key: a receipt is now unique by (read id, capture
-- time). A retried upload sends the same read (same id, same capture time) and meets its receipt in the same day
-- partition, so it is still stored once. A read id another device used is refused when the two capture times fall on
-- the same UTC day (DetectionStore looks in that day's partition); on another day the partitions cannot see each
-- other without probing every day of the year on every upload, and the two reads are both kept (docs/retention.md,
-- "Receipts by day").
ALTER TABLE read_receipts RENAME TO read_receipts_unpartitioned;
ALTER INDEX read_receipts_pkey RENAME TO read_receipts_unpartitioned_pkey;
ALTER INDEX read_receipts_captured_idx RENAME TO read_receipts_unpartitioned_captured_idx;
ALTER INDEX read_receipts_received_idx RENAME TO read_receipts_unpartitioned_received_idx;

CREATE TABLE read_receipts (
    read_id      uuid        NOT NULL,
    device_id    uuid        NOT NULL REFERENCES devices (id),
    captured_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (read_id, captured_at)
) PARTITION BY RANGE (captured_at);
CREATE INDEX read_receipts_captured_idx ON read_receipts (captured_at);
CREATE INDEX read_receipts_received_idx ON read_receipts (received_at, read_id);

-- One receipts partition for each day partition of detections there is, with the receipts of that day. A receipt of a
-- day whose partition is gone (a held read's, or one the purge had not yet deleted) is not carried over: its read is
-- in held_detections (with its device and capture time) or gone, and the capture window refuses its day.
DO $$
DECLARE
    day date;
BEGIN
    FOR day IN
        SELECT to_date(substring(c.relname FROM 13), 'YYYYMMDD')
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'detections'::regclass AND c.relname ~ '^detections_p[0-9]{8}$'
    LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF read_receipts FOR VALUES FROM (%L) TO (%L)',
                       format('read_receipts_p%s', to_char(day, 'YYYYMMDD')),
                       (day::timestamp AT TIME ZONE 'UTC'),
                       ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    END LOOP;
END
$$;

SET LOCAL work_mem = '256MB';
INSERT INTO read_receipts (read_id, device_id, captured_at, received_at)
SELECT r.read_id, r.device_id, r.captured_at, r.received_at
FROM read_receipts_unpartitioned r
WHERE to_regclass(format('read_receipts_p%s', to_char((r.captured_at AT TIME ZONE 'UTC')::date, 'YYYYMMDD')))
      IS NOT NULL;

DROP TABLE read_receipts_unpartitioned;
