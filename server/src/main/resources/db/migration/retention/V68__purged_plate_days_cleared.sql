-- A purged day's plate_days rows (plate, state, day, count: what was read that day, if not where) must not outlive
-- the day's detections by weeks. V66/V67 leave them, unseen by the search, until their month's partition goes,
-- which keeps the drop's transaction constant but holds a plate's days for up to a month past retention. The purge
-- run now deletes them right after the drops, one purged day a statement, outside the drop's transaction (the
-- search already leaves marked days out, so nothing waits on it), and marks the day cleared. A run that dies
-- between the drop and the clearing leaves the day uncleared, and the next run clears it.
ALTER TABLE plate_days_purged ADD COLUMN counts_cleared boolean NOT NULL DEFAULT false;

-- Clears the oldest purged day not yet cleared: its rows in its month's partition (a scan of that month, as
-- plate_days has no index led by the day). Answers the day and the rows deleted; no row when none is left.
CREATE FUNCTION clear_purged_plate_days()
    RETURNS TABLE (day date, deleted bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    next date;
    n bigint;
BEGIN
    SELECT p.day INTO next FROM plate_days_purged p WHERE NOT p.counts_cleared ORDER BY p.day LIMIT 1
        FOR UPDATE SKIP LOCKED;
    IF next IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM plate_days c WHERE c.day = next;
    GET DIAGNOSTICS n = ROW_COUNT;
    UPDATE plate_days_purged p SET counts_cleared = true WHERE p.day = next;
    RETURN QUERY SELECT next, n;
END
$$;
