-- Issue 17, legal holds: the workflow on the seam V42 laid. A hold is placed (by read ids, or by a search's
-- results), approved or rejected by a supervisor who did not place it, and released with a reason. It protects
-- what it names from the moment it is placed until it is released or rejected (the purge asks only
-- `released_at IS NULL`, so a rejection sets the release columns too): a purge cannot be undone, so an
-- unapproved hold must protect while it waits.
ALTER TABLE legal_holds
    ADD COLUMN search_id       uuid,
    ADD COLUMN rejected_by     text,
    ADD COLUMN rejected_at     timestamptz,
    ADD COLUMN decision_note   text,
    ADD COLUMN release_reason  text,
    ADD CONSTRAINT legal_holds_rejected_pair CHECK ((rejected_by IS NULL) = (rejected_at IS NULL)),
    ADD CONSTRAINT legal_holds_one_decision CHECK (approved_at IS NULL OR rejected_at IS NULL),
    -- the four-eyes rule, kept by the database too: nobody decides on their own hold
    ADD CONSTRAINT legal_holds_not_own_approval CHECK (approved_by IS DISTINCT FROM placed_by),
    ADD CONSTRAINT legal_holds_not_own_rejection CHECK (rejected_by IS DISTINCT FROM placed_by),
    ADD CONSTRAINT legal_holds_rejection_ends_it CHECK (rejected_at IS NULL OR released_at IS NOT NULL);

CREATE INDEX legal_holds_open_idx ON legal_holds (id) WHERE released_at IS NULL;
CREATE INDEX held_detections_hold_idx ON held_detections (hold_id);
