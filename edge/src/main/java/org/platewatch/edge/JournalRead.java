package org.platewatch.edge;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.platewatch.plate.UsState;

/**
 * One read as the agent journals and uploads it.
 *
 * @param state     the issuing state the plate showed, or null when it did not say
 * @param latitude  null (with longitude) when the capture had no position: a fixed camera's server
 *                  fills in its registered one
 * @param jpeg      the image the read came from, or null
 */
record JournalRead(
        UUID readId,
        Instant capturedAt,
        String plate,
        UsState state,
        double confidence,
        Double latitude,
        Double longitude,
        Double heading,
        byte[] jpeg) {

    JournalRead {
        Objects.requireNonNull(readId, "readId");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(plate, "plate");
    }

    /** Leaves plate, position and image out, so that a read logged by mistake says only its id. */
    @Override
    public String toString() {
        return "JournalRead[" + readId + "]";
    }
}
