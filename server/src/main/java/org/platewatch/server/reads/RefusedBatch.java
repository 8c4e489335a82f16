package org.platewatch.server.reads;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A batch the store refuses as a whole: its transaction rolls back and nothing of it is stored.
 * The store knows only read ids and days; the caller names the field of the request at fault.
 */
public abstract sealed class RefusedBatch extends RuntimeException {

    private RefusedBatch(String message) {
        super(message, null, false, false);
    }

    /**
     * A read id another device's read already has. A read id names one read of one device; were it
     * counted as a duplicate, a device could turn another's future reads into silent no-ops.
     */
    public static final class ReadIdOfAnotherDevice extends RefusedBatch {

        private final UUID readId;

        ReadIdOfAnotherDevice(UUID readId) {
            super("read " + readId + " was uploaded by another device");
            this.readId = readId;
        }

        public UUID readId() {
            return readId;
        }
    }

    /** The batch would create more day partitions than one request may (each is a table of its own). */
    public static final class TooManyNewDays extends RefusedBatch {

        private final LocalDate day;
        private final int limit;

        TooManyNewDays(LocalDate day, int limit) {
            super("the batch would create more than " + limit + " day partitions");
            this.day = day;
            this.limit = limit;
        }

        /** The first capture day (UTC) over the limit. */
        public LocalDate day() {
            return day;
        }

        public int limit() {
            return limit;
        }
    }
}
