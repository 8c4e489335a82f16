-- Issue 18 item 7, the regional-centre feed: under a standing agreement, reads go in batches to the centre's
-- ingest endpoint. One feed per agreement: where to send, the credential the centre issued (sealed with a key
-- kept outside the database, never in clear here), which reads, and how far the feed has got.
CREATE TABLE sharing_feeds (
    agreement_id        bigint      PRIMARY KEY REFERENCES sharing_agreements (id),
    ingest_url          text        NOT NULL,
    credential_sealed   text        NOT NULL,
    scope               text        NOT NULL CHECK (scope IN ('ALL_DETECTIONS', 'HITS_ONLY')),
    starts_from         timestamptz NOT NULL,
    active              boolean     NOT NULL,
    -- the high-water mark: the last read sent, in receipt order (received_at, read_id); null before the first
    sent_received_at    timestamptz,
    sent_read_id        uuid,
    reads_sent          bigint      NOT NULL DEFAULT 0,
    last_error          text,
    last_error_at       timestamptz,
    configured_by       text        NOT NULL,
    configured_at       timestamptz NOT NULL,
    changed_by          text,
    changed_at          timestamptz,
    CHECK ((sent_received_at IS NULL) = (sent_read_id IS NULL))
);
REVOKE DELETE, TRUNCATE ON sharing_feeds FROM "${appRole}";

-- Every batch sent, delivered or not: written in the transaction that moves the feed's mark, so a batch on
-- file is a batch the centre acknowledged (or refused for good); a crash before this row re-sends the batch,
-- and the centre's read ids make the re-sent reads duplicates. Append-only.
CREATE TABLE sharing_feed_batches (
    agreement_id   bigint      NOT NULL REFERENCES sharing_feeds (agreement_id),
    batch_number   integer     NOT NULL CHECK (batch_number > 0),
    first_read_id  uuid        NOT NULL,
    last_read_id   uuid        NOT NULL,
    reads          integer     NOT NULL CHECK (reads > 0),
    sent_at        timestamptz NOT NULL,
    http_status    integer     NOT NULL,
    attempts       integer     NOT NULL CHECK (attempts > 0),
    outcome        text        NOT NULL CHECK (outcome IN ('DELIVERED', 'REFUSED', 'UNDELIVERED')),
    accepted       integer,
    duplicates     integer,
    detail         text,
    PRIMARY KEY (agreement_id, batch_number)
);
REVOKE UPDATE, DELETE, TRUNCATE ON sharing_feed_batches FROM "${appRole}";

-- The feed reads detections in receipt order, so a read a patrol car uploads a day late is still sent; the
-- receipts had an index by capture time only.
CREATE INDEX read_receipts_received_idx ON read_receipts (received_at, read_id);
