-- Shift-start checks an edge agent ran (bin/platewatch edge check), as the unit reported them: the
-- equipment check at the start of a shift (Alameda 462.3(b)4). Append-only: a check is a record of what
-- was seen then. items holds one object per checked item: name, passed, detail (no plate text).
CREATE TABLE device_checks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id    uuid        NOT NULL REFERENCES devices (id),
    checked_at   timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    passed       boolean     NOT NULL,
    items        jsonb       NOT NULL
);
CREATE INDEX device_checks_latest ON device_checks (device_id, checked_at DESC);
