-- Issue 17, periodic audits: an audit draws a random sample of the searches in its window, the auditor marks each
-- compliant or not with a note, and completing it stores the report (HTML and PDF) with their SHA-256.

CREATE TABLE periodic_audits (
    id               uuid        PRIMARY KEY,
    started_by       text        NOT NULL,
    started_by_name  text        NOT NULL,
    started_at       timestamptz NOT NULL,
    -- the period under audit: from the previous audit's completion (or the implementation day) to the start
    period_from      timestamptz NOT NULL,
    -- the window the sample is drawn from, and how it was drawn: the searches in it (ordered by requested_at,
    -- id), the sample size asked, and the seed of the draw (from SecureRandom), so the draw can be re-done
    sample_from      timestamptz NOT NULL,
    sample_to        timestamptz NOT NULL,
    population       integer     NOT NULL CHECK (population >= 0),
    sample_size      integer     NOT NULL CHECK (sample_size >= 0),
    seed             bigint      NOT NULL,
    due_on           date        NOT NULL,
    completed_by     text,
    completed_by_name text,
    completed_at     timestamptz,
    CHECK (sample_from <= sample_to),
    CHECK ((completed_by IS NULL) = (completed_at IS NULL))
);
CREATE INDEX periodic_audits_completed_idx ON periodic_audits (completed_at);
-- One audit open at a time: two auditors starting at once would draw two samples of the same period.
CREATE UNIQUE INDEX periodic_audits_one_open_idx ON periodic_audits ((true)) WHERE completed_at IS NULL;

-- The sampled searches, in the order drawn, and the auditor's finding on each.
CREATE TABLE periodic_audit_sample (
    audit_id    uuid    NOT NULL REFERENCES periodic_audits (id),
    position    integer NOT NULL,
    search_id   uuid    NOT NULL REFERENCES searches (id),
    compliant   boolean,
    note        text,
    marked_by   text,
    marked_at   timestamptz,
    PRIMARY KEY (audit_id, position),
    UNIQUE (audit_id, search_id),
    CHECK ((compliant IS NULL) = (marked_at IS NULL))
);

-- The report of a completed audit, as filed: written once.
CREATE TABLE periodic_audit_reports (
    audit_id     uuid        PRIMARY KEY REFERENCES periodic_audits (id),
    form         text        NOT NULL CHECK (form IN ('STANDARD', 'MEMO')),
    html         text        NOT NULL,
    html_sha256  char(64)    NOT NULL,
    pdf          bytea       NOT NULL,
    pdf_sha256   char(64)    NOT NULL,
    created_at   timestamptz NOT NULL
);

-- An audit and its report are records of oversight: the application adds and marks, never deletes.
REVOKE DELETE, TRUNCATE ON periodic_audits, periodic_audit_sample FROM "${appRole}";
REVOKE UPDATE, DELETE, TRUNCATE ON periodic_audit_reports FROM "${appRole}";

-- The day the database was first migrated: where the audit schedule counts from unless
-- platewatch.policy.implemented-on says when the system went into service. Read from Flyway's history once,
-- here, so that the application role needs no right on Flyway's table.
CREATE TABLE audit_program (
    first_migrated_at timestamptz NOT NULL
);
INSERT INTO audit_program (first_migrated_at)
SELECT coalesce(min(installed_on), now()) FROM "${flyway:table}" WHERE success;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_program FROM "${appRole}";
