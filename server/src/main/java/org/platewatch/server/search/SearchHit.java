package org.platewatch.server.search;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;

/**
 * One detection a search found.
 *
 * @param lookAlike true when the read's plate differs from the plate searched for, and was found only because a
 *                  confusable search also takes reads that recognition may have mixed up (0/O, 1/I, 8/B, ...)
 * @param image     where the read's image is viewed (audited with the search), or null when none is stored
 */
record SearchHit(
        UUID readId,
        Instant capturedAt,
        String plate,
        String state,
        double confidence,
        double latitude,
        double longitude,
        Double heading,
        UUID cameraId,
        String cameraName,
        VehicleDescription vehicle,
        boolean lookAlike,
        String image) {

    SearchCursor cursor() {
        return new SearchCursor(capturedAt, readId);
    }
}
