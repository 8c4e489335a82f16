-- Issue 18, sharing: the agencies data may go to, standing agreements, release requests, their decisions
-- and the release ledger (what was sent). Civil Code § 1798.90.55(b) and the policies' "the approved request
-- is retained on file": requests, decisions and the ledger are append-only for the application role, so no
-- bug or stolen credential can rewrite what was asked, who decided or what left the department.

CREATE TABLE sharing_agencies (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind           text        NOT NULL
        CHECK (kind IN ('LAW_ENFORCEMENT', 'PROSECUTOR', 'REGIONAL_CENTRE', 'OTHER_PUBLIC_AGENCY', 'PRIVATE')),
    state          char(2)     NOT NULL,
    federal        boolean     NOT NULL,
    contact        text        NOT NULL,
    registered_by  text        NOT NULL,
    registered_at  timestamptz NOT NULL
);
-- An agency's kind, state and federal mark decide what it may receive: they are never edited (a federal
-- agency relabelled as local would be the way round the law). A correction is a new registration.
REVOKE UPDATE, DELETE, TRUNCATE ON sharing_agencies FROM "${appRole}";

-- Standing agreements (an MOU with a regional centre). Edited and withdrawn by administrators, each change
-- audited with the values before and after.
CREATE TABLE sharing_agreements (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id     bigint      NOT NULL REFERENCES sharing_agencies (id),
    mou_date      date        NOT NULL,
    scope         text        NOT NULL,
    starts_on     date        NOT NULL,
    ends_on       date,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    changed_by    text,
    changed_at    timestamptz,
    withdrawn_by  text,
    withdrawn_at  timestamptz,
    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CHECK ((withdrawn_by IS NULL) = (withdrawn_at IS NULL))
);
CREATE INDEX sharing_agreements_agency_idx ON sharing_agreements (agency_id);
REVOKE DELETE, TRUNCATE ON sharing_agreements FROM "${appRole}";

-- A written request for data. route: APPROVAL (the administrator or designee decides) or RECORDS (anyone
-- the law does not let us release to directly: recorded and routed to the records-release path).
CREATE TABLE release_requests (
    id                     uuid        PRIMARY KEY,
    agency_id              bigint      NOT NULL REFERENCES sharing_agencies (id),
    requester_name         text        NOT NULL,
    requester_contact      text        NOT NULL,
    case_number            text        NOT NULL,
    purpose                text        NOT NULL,
    warrant_number         text,
    written_request        text,
    written_document       bytea,
    written_document_type  text,
    written_document_sha256 char(64),
    criteria               text,
    route                  text        NOT NULL CHECK (route IN ('APPROVAL', 'RECORDS')),
    routed_to              text,
    entered_by             text        NOT NULL,
    entered_at             timestamptz NOT NULL,
    CHECK (written_request IS NOT NULL OR written_document IS NOT NULL),
    CHECK ((route = 'RECORDS') = (routed_to IS NOT NULL))
);
CREATE INDEX release_requests_entered_idx ON release_requests (entered_at DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON release_requests FROM "${appRole}";

-- The detections a request names, fixed when it is entered: an approval releases exactly these.
CREATE TABLE release_request_reads (
    request_id  uuid NOT NULL REFERENCES release_requests (id),
    read_id     uuid NOT NULL,
    PRIMARY KEY (request_id, read_id)
);
REVOKE UPDATE, DELETE, TRUNCATE ON release_request_reads FROM "${appRole}";

-- One decision per request, never changed.
CREATE TABLE release_decisions (
    request_id  uuid        PRIMARY KEY REFERENCES release_requests (id),
    decision    text        NOT NULL CHECK (decision IN ('APPROVED', 'REFUSED')),
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL,
    note        text
);
REVOKE UPDATE, DELETE, TRUNCATE ON release_decisions FROM "${appRole}";

-- The release ledger: what was sent for an approved request, the package's and each file's SHA-256.
CREATE TABLE release_ledger (
    request_id      uuid        PRIMARY KEY REFERENCES release_decisions (request_id),
    released_at     timestamptz NOT NULL,
    released_by     text        NOT NULL,
    detections      integer     NOT NULL,
    images          integer     NOT NULL,
    package_sha256  char(64)    NOT NULL,
    manifest        text        NOT NULL
);
CREATE TABLE release_ledger_reads (
    request_id    uuid     NOT NULL REFERENCES release_ledger (request_id),
    read_id       uuid     NOT NULL,
    image_sha256  char(64),
    PRIMARY KEY (request_id, read_id)
);
REVOKE UPDATE, DELETE, TRUNCATE ON release_ledger FROM "${appRole}";
REVOKE UPDATE, DELETE, TRUNCATE ON release_ledger_reads FROM "${appRole}";

-- The sharing rules of the profile in force when the server last started: a start with different rules is
-- audited as a change (who: the account that started the server; when: the start).
CREATE TABLE sharing_settings_seen (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    settings   text        NOT NULL,
    seen_at    timestamptz NOT NULL
);
