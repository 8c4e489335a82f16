package org.platewatch.edge;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.hotlist.HotlistMatch;

/**
 * A hot-list hit raised on the unit, for the officer beside it.
 *
 * @param sequence  increasing per agent run, so the page asks only for what it has not shown
 * @param plate     the read's plate: shown on the local page to the officer, never logged
 */
record LocalAlert(long sequence, UUID readId, Instant capturedAt, String plate, String readState, HotlistMatch match) {

    /** Leaves the plate out. */
    @Override
    public String toString() {
        return "LocalAlert[" + sequence + ", read " + readId + ", entry "
                + match.entry().id() + "]";
    }
}
