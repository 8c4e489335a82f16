-- Vehicle-only custom entries (no plate; make, model and colour) raise alerts of match kind VEHICLE.
-- Their entry_plate is the empty string: the entry has no plate.
ALTER TABLE alerts DROP CONSTRAINT alerts_match_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_match_kind_check
    CHECK (match_kind IN ('EXACT', 'STATE_MISMATCH', 'STATE_UNKNOWN', 'CONFUSABLE', 'PARTIAL', 'VEHICLE'));
