-- Issue 17, retention: purging detections by dropping whole day partitions, with a deletion certificate
-- for each, and the ground that legal holds build on.

-- A legal hold (litigation, evidence in a criminal or civil action, a lawful request to produce records).
-- It protects what it names from the moment it is placed until it is released; approving it is the hold
-- workflow's (a later issue), and an unapproved hold protects too, because a purge cannot be undone.
CREATE TABLE legal_holds (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number  text        NOT NULL,
    reason       text        NOT NULL,
    placed_by    text        NOT NULL,
    placed_at    timestamptz NOT NULL,
    approved_by  text,
    approved_at  timestamptz,
    released_by  text,
    released_at  timestamptz,
    CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
    CHECK ((released_by IS NULL) = (released_at IS NULL))
);

-- The reads a hold names, by read id (the seam: the hold workflow fills it from a search or a case).
CREATE TABLE legal_hold_reads (
    hold_id  bigint NOT NULL REFERENCES legal_holds (id),
    read_id  uuid   NOT NULL,
    PRIMARY KEY (hold_id, read_id)
);
CREATE INDEX legal_hold_reads_read_idx ON legal_hold_reads (read_id);

-- Detections a hold named when their day partition was purged: the same columns, moved here first, with
-- the (earliest) hold that kept them. They leave when no unreleased hold names them any more (hold workflow).
CREATE TABLE held_detections (
    read_id          uuid        PRIMARY KEY,
    device_id        uuid        NOT NULL,
    plate            text        NOT NULL,
    state            char(2),
    confidence       real        NOT NULL,
    captured_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    location         point       NOT NULL,
    heading_degrees  real,
    vehicle_make     text,
    vehicle_model    text,
    vehicle_color    text,
    vehicle_type     text,
    image_sha256     char(64),
    source           text        NOT NULL,
    hold_id          bigint      NOT NULL REFERENCES legal_holds (id),
    held_at          timestamptz NOT NULL
);
CREATE INDEX held_detections_image_idx ON held_detections (image_sha256) WHERE image_sha256 IS NOT NULL;

-- One certificate per dropped partition, written in the dropping transaction. Append-only for the
-- application: a certificate is what an auditor holds the purge to.
CREATE TABLE deletion_certificates (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partition_name  text        NOT NULL,
    captured_from   timestamptz NOT NULL,
    captured_to     timestamptz NOT NULL,
    due_on          date        NOT NULL,
    purged_at       timestamptz NOT NULL,
    late            boolean     NOT NULL,
    detections      bigint      NOT NULL,
    held            bigint      NOT NULL,
    images          bigint      NOT NULL,
    ids_sha256      char(64)    NOT NULL,
    retention       text        NOT NULL
);
-- A day may have more than one: a partition recreated after its purge (a late upload of a day not yet due when
-- the profile was shorter, the demo's history) is purged again, with a certificate of its own.
CREATE INDEX deletion_certificates_partition_idx ON deletion_certificates (partition_name);
REVOKE UPDATE, DELETE, TRUNCATE ON deletion_certificates FROM "${appRole}";

-- Drops the UTC day partition of `day` and answers how many detections it held and the SHA-256 over their
-- read ids (16 bytes each, big-endian, ascending). SECURITY DEFINER: the application role does not own
-- `detections`; and the database, not the caller, decides whether the day is due, from department_rules
-- and its own clock, so no caller can drop a day that is not.
CREATE FUNCTION purge_detection_partition(day date)
    RETURNS TABLE (removed bigint, removed_ids_sha256 text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    -- The hash sorts the day's ids (16 bytes each): in memory rather than on disk, for a day of a few million.
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
    -- The same lock that creating a partition takes: no late upload recreates the day meanwhile.
    PERFORM pg_advisory_xact_lock(hashtext('detections-partitions'));
    RETURN QUERY EXECUTE format(
        'SELECT count(*), encode(sha256(coalesce(string_agg(uuid_send(read_id), ''''::bytea ORDER BY read_id),'
            || ' ''''::bytea)), ''hex'') FROM %I', partition_name);
    EXECUTE format('DROP TABLE %I', partition_name);
END
$$;
