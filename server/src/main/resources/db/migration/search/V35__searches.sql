-- Detection searches (issue 16): every request is kept, with its stated purpose and case number, whether it ran,
-- waited for a supervisor, or was refused approval. The audit log holds each run; this table is what the
-- approvals queue, the anomaly review and the periodic audit's sample read.

-- Confusable plate search: plate text with each confusable character mapped to its class representative, the
-- same classes as plate-core's ConfusableCharacters (a test keeps the two in step). translate() is immutable, so
-- the expression can be indexed; the trigram index on it serves partial plates, confusable or not (a plain partial
-- search filters by the canonical form first, then by the plate itself), so it replaces the plain trigram index.
CREATE INDEX detections_plate_canonical_idx ON detections (translate(plate, 'ODQILBSZG', '000118526'));
CREATE INDEX detections_plate_canonical_trgm_idx
    ON detections USING gin (translate(plate, 'ODQILBSZG', '000118526') gin_trgm_ops);
DROP INDEX detections_plate_trgm_idx;

CREATE TABLE searches (
    id                 uuid PRIMARY KEY,
    requested_by       text        NOT NULL,
    requested_by_name  text        NOT NULL,
    requested_at       timestamptz NOT NULL,
    case_number        text,
    purpose            text        NOT NULL,
    reason             text        NOT NULL,
    -- the criteria as the request gave them, typed (search.SearchCriteria), and their plate pattern alone, for
    -- the review of one member searching one plate under several cases
    criteria           jsonb       NOT NULL,
    plate_pattern      text,
    terms              text        NOT NULL,
    status             text        NOT NULL
        CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'COMPLETED')),
    broad_because      text[]      NOT NULL DEFAULT '{}',
    decided_by         text,
    decided_at         timestamptz,
    decision_note      text,
    -- when the search first ran: its results are the detections received up to then, so paging is stable
    ran_at             timestamptz,
    result_count       integer,
    CHECK ((status = 'COMPLETED') = (ran_at IS NOT NULL)),
    CHECK ((status IN ('APPROVED', 'REJECTED')) <= (decided_by IS NOT NULL))
);
CREATE INDEX searches_requester_idx ON searches (requested_by, requested_at);
CREATE INDEX searches_requested_idx ON searches (requested_at);
CREATE INDEX searches_pending_idx ON searches (requested_at) WHERE status = 'PENDING_APPROVAL';

-- A search is a record of an access: the application may add and update one, never delete it.
REVOKE DELETE, TRUNCATE ON searches FROM "${appRole}";
