package org.platewatch.server.retention;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;

/**
 * A read a hold names, wherever it is now.
 *
 * @param stored      {@code LIVE} while its day partition is there, {@code HELD} once the purge moved it to
 *                    {@code held_detections}, {@code GONE} once a released hold's held row was deleted (never while
 *                    the hold protects it: ids are checked when it is placed)
 * @param imageSha256 the stored image, or null when none
 */
record HeldRead(
        UUID readId,
        Instant capturedAt,
        String plate,
        String state,
        Double confidence,
        Double latitude,
        Double longitude,
        Double heading,
        UUID cameraId,
        String cameraName,
        VehicleDescription vehicle,
        String imageSha256,
        String stored) {}
