-- Issue 17, data error correction: an administrator corrects a detection's plate or state with a reason. The
-- detection row takes the corrected values (so a search by the right plate finds it through the plate indexes);
-- the original stays here, and every search result shows it beside the correction.
CREATE TABLE detection_corrections (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    read_id           uuid        NOT NULL,
    captured_at       timestamptz NOT NULL,
    original_plate    text        NOT NULL,
    original_state    char(2),
    corrected_plate   text        NOT NULL,
    corrected_state   char(2),
    reason            text        NOT NULL,
    corrected_by      text        NOT NULL,
    corrected_by_name text        NOT NULL,
    corrected_at      timestamptz NOT NULL,
    -- the regional centre the error must be reported to (San Leandro: NCRIC), null when the profile names none
    report_to         text,
    reported_by       text,
    reported_at       timestamptz,
    CHECK ((reported_by IS NULL) = (reported_at IS NULL))
);
CREATE INDEX detection_corrections_read_idx ON detection_corrections (read_id, id);
CREATE INDEX detection_corrections_time_idx ON detection_corrections (corrected_at);
CREATE INDEX detection_corrections_to_report_idx ON detection_corrections (corrected_at)
    WHERE report_to IS NOT NULL AND reported_at IS NULL;

-- The record of what a detection said before: never removed by the application.
REVOKE DELETE, TRUNCATE ON detection_corrections FROM "${appRole}";
