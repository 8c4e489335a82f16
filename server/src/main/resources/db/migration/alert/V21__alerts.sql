-- Alerts (hits) and their life cycle. Kept apart from detections: hits follow the profile's
-- hitRetention (Hayward keeps them indefinitely), so each alert carries a snapshot of the read
-- and of the entry it matched and does not depend on either row still existing.
CREATE TABLE alerts (
    id            bigserial PRIMARY KEY,
    read_id       uuid        NOT NULL,
    entry_id      bigint      NOT NULL,
    device_id     uuid        NOT NULL,
    hotlist_id    bigint      NOT NULL,
    entry_plate   text        NOT NULL,
    entry_state   text        NOT NULL DEFAULT '',
    state         text        NOT NULL CHECK (state IN ('ALERT', 'TENTATIVE', 'QUERIED', 'CONFIRMED',
                                                        'NOT_CONFIRMED', 'MISREAD', 'CLEARED')),
    match_kind    text        NOT NULL CHECK (match_kind IN ('EXACT', 'STATE_MISMATCH', 'STATE_UNKNOWN',
                                                             'CONFUSABLE', 'PARTIAL')),
    raised_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    read_json     text        NOT NULL,
    entry_json    text        NOT NULL,
    checks_json   text        NOT NULL,
    outcome       text,
    incident_number text,
    UNIQUE (read_id, entry_id)
);
CREATE INDEX alerts_state_idx ON alerts (state, id DESC);
CREATE INDEX alerts_device_idx ON alerts (device_id);

CREATE TABLE alert_transitions (
    id          bigserial PRIMARY KEY,
    alert_id    bigint      NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    from_state  text        NOT NULL,
    to_state    text        NOT NULL,
    by_username text        NOT NULL,
    at          timestamptz NOT NULL,
    details     text        NOT NULL
);
CREATE INDEX alert_transitions_alert_idx ON alert_transitions (alert_id, id);
