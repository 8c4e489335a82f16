-- A partial plate with a known beginning (7AB*12) without its heap. V36's btree on the canonical form finds the
-- range of plates starting 7A8, but each of the thousands of reads in that range (about one California read in
-- 4,800 at 50 million detections) had to be fetched from its table page to check the rest of the pattern, the
-- snapshot and the state, and only ~660 of them matched: once the year no longer fits in memory those fetches come
-- from disk, and the search took 0.2-0.8 s (docs/benchmarks.md, run 6). This index carries what that check and the
-- page's order need (the plate, its state, when it was received and captured, its id), so the search finds its
-- results' keys and its total in the index alone (an index-only scan: a day's partition is frozen and all-visible
-- once it is full) and reads the table only for the page's 50 rows (search.SearchStore). It replaces V36's btree
-- on the same key, which every other use of it (a look-alike exact plate's equality) reads as before.
CREATE INDEX detections_plate_canonical_keys_idx
    ON detections (translate(plate, 'ODQILBSZG', '000118526') text_pattern_ops)
    INCLUDE (plate, state, received_at, captured_at, read_id);
DROP INDEX detections_plate_canonical_idx;
