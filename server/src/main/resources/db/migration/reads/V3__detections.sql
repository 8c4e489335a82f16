-- Detections: one row per plate read. Partitioned by UTC capture day so that retention drops
-- whole partitions instead of deleting rows.
CREATE TABLE detections (
    read_id          uuid        NOT NULL,
    device_id        uuid        NOT NULL,
    plate            text        NOT NULL,
    state            char(2),
    confidence       real        NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    captured_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    location         point       NOT NULL,
    heading_degrees  real,
    vehicle_make     text,
    vehicle_model    text,
    vehicle_color    text,
    vehicle_type     text,
    image_sha256     char(64),
    source           text        NOT NULL CHECK (source IN ('DEVICE', 'OPENALPR', 'RECOGNIZED')),
    PRIMARY KEY (read_id, captured_at)
) PARTITION BY RANGE (captured_at);

CREATE INDEX detections_plate_idx ON detections (plate);
CREATE INDEX detections_plate_trgm_idx ON detections USING gin (plate gin_trgm_ops);
CREATE INDEX detections_location_idx ON detections USING gist (location);
CREATE INDEX detections_device_time_idx ON detections (device_id, captured_at);

-- One row per read id ever accepted, outside the partitions: a primary key on a partitioned table
-- must include the partition key, so this is what makes an upload idempotent by read id alone,
-- and how an image upload finds its detection's partition.
CREATE TABLE read_receipts (
    read_id      uuid PRIMARY KEY,
    device_id    uuid        NOT NULL REFERENCES devices (id),
    captured_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX read_receipts_captured_idx ON read_receipts (captured_at);

-- Creates the partition for one UTC day if it is missing. SECURITY DEFINER: the application role
-- may add partitions (late uploads arrive any time) without owning the table.
CREATE FUNCTION ensure_detection_partition(day date) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    partition_name text := format('detections_p%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF detections FOR VALUES FROM (%L) TO (%L)',
                   partition_name,
                   (day::timestamp AT TIME ZONE 'UTC'),
                   ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    RETURN true;
END
$$;
