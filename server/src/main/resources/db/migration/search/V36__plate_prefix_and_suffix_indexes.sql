-- Partial plates with a known beginning (7AB*12) or a known end (?ABC123) as btree range scans: over a year of
-- day partitions the trigram index answered them in 0.3-0.6 s at 50 million detections, intersecting long posting
-- lists ("7" at the start of a plate is one California plate in nine) in every partition. The canonical form's
-- btree takes text_pattern_ops (byte order, the operators ~>=~ and ~<~), so that a prefix is a range; its
-- reverse is indexed the same way for a known end. Equality (look-alike exact plates) still uses the first.
DROP INDEX detections_plate_canonical_idx;
CREATE INDEX detections_plate_canonical_idx
    ON detections (translate(plate, 'ODQILBSZG', '000118526') text_pattern_ops);
CREATE INDEX detections_plate_canonical_reverse_idx
    ON detections (reverse(translate(plate, 'ODQILBSZG', '000118526')) text_pattern_ops);
