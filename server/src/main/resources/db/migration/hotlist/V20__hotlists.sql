-- Hot lists: the sources the ALPR administrator designates, every import attempt, and the
-- entries in force. Entries are keyed by plate and state; an import replaces a list's entries
-- in one transaction, so a list is never half-loaded.
CREATE TABLE hotlists (
    id              bigserial PRIMARY KEY,
    code            text        NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
    name            text        NOT NULL,
    source_kind     text        NOT NULL,   -- DepartmentProfile.HotlistSource
    format          text        NOT NULL CHECK (format IN ('CA_DOJ', 'CSV', 'CUSTOM')),
    location        text,                   -- http(s) URL, file or directory; null: uploaded by hand
    column_mapping  text,                   -- CSV only: JSON object, field -> header name
    designated_by   text        NOT NULL,
    designated_at   timestamptz NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    as_of           timestamptz,            -- the date of the data in force (file header, else import time)
    loaded_at       timestamptz,            -- when the list in force was imported
    last_error      text                    -- the last rejected import or failed fetch, cleared on success
);

CREATE TABLE hotlist_imports (
    id                   bigserial PRIMARY KEY,
    hotlist_id           bigint      NOT NULL REFERENCES hotlists (id),
    started_at           timestamptz NOT NULL,
    outcome              text        NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
    records              integer     NOT NULL DEFAULT 0,
    loaded               integer     NOT NULL DEFAULT 0,
    dropped_immigration  integer     NOT NULL DEFAULT 0,
    error_line           integer,
    error_reason         text,
    content_sha256       text,
    imported_by          text        NOT NULL
);
CREATE INDEX hotlist_imports_list_idx ON hotlist_imports (hotlist_id, id DESC);

CREATE TABLE hotlist_entries (
    id                bigserial PRIMARY KEY,
    hotlist_id        bigint      NOT NULL REFERENCES hotlists (id),
    import_id         bigint      REFERENCES hotlist_imports (id),
    plate             text        NOT NULL,      -- normalised; custom partial entries may hold ? and *
    state             char(2),                   -- null: any state
    list_type         text,
    reason            text        NOT NULL,
    vehicle_make      text,
    vehicle_model     text,
    vehicle_color     text,
    entering_agency   text,
    case_number       text,
    county_code       text,
    date_of_loss      date,
    expires_at        timestamptz,
    -- custom entries: PENDING until the administrator approves; imported entries are ACTIVE
    status            text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'REJECTED')),
    synopsis          text,
    entered_by        text,
    entered_at        timestamptz,
    approved_by       text,
    approved_at       timestamptz,
    proposed_change   text,                      -- JSON of a change awaiting a supervisor
    proposed_by       text,
    proposed_at       timestamptz
);
CREATE INDEX hotlist_entries_list_idx ON hotlist_entries (hotlist_id);
CREATE INDEX hotlist_entries_plate_idx ON hotlist_entries (plate, state);

-- Misreads and not-confirmed results per entry, keyed by list, plate and state so that the count
-- survives the daily replacement of an imported list's rows.
CREATE TABLE hotlist_entry_quality (
    hotlist_id      bigint      NOT NULL REFERENCES hotlists (id),
    plate           text        NOT NULL,
    state           text        NOT NULL DEFAULT '',
    misreads        integer     NOT NULL DEFAULT 0,
    not_confirmed   integer     NOT NULL DEFAULT 0,
    flagged_at      timestamptz,
    last_entry_id   bigint,
    PRIMARY KEY (hotlist_id, plate, state)
);
