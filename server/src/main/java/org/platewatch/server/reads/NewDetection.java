package org.platewatch.server.reads;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;

/**
 * A plate read that has passed validation and is ready to store. Plate text is normalised,
 * {@code state} is a two-letter code or null when the camera could not tell.
 */
public record NewDetection(
        UUID readId,
        String plate,
        String state,
        double confidence,
        Instant capturedAt,
        double latitude,
        double longitude,
        Double headingDegrees,
        VehicleDescription vehicle,
        DetectionSource source) {

    public NewDetection {
        if (vehicle == null) {
            vehicle = VehicleDescription.UNKNOWN;
        }
    }
}
