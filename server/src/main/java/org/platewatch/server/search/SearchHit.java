package org.platewatch.server.search;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.audit.DetectionCorrection;

/**
 * One detection a search found.
 *
 * @param lookAlike true when the read's plate differs from the plate searched for, and was found only because a
 *                  confusable search also takes reads that recognition may have mixed up (0/O, 1/I, 8/B, ...)
 * @param image     where the read's image is viewed (audited with the search), or null when none is stored
 * @param correction the administrator's correction of the read's plate or state, with what it said before; null
 *                   when the read was never corrected (the plate and state above are the corrected ones)
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
        String image,
        DetectionCorrection correction) {

    /** A hit as the search's query reads it; its correction, if any, is added from one query per page. */
    SearchHit(
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
        this(
                readId,
                capturedAt,
                plate,
                state,
                confidence,
                latitude,
                longitude,
                heading,
                cameraId,
                cameraName,
                vehicle,
                lookAlike,
                image,
                null);
    }

    SearchHit withCorrection(DetectionCorrection found) {
        return new SearchHit(
                readId,
                capturedAt,
                plate,
                state,
                confidence,
                latitude,
                longitude,
                heading,
                cameraId,
                cameraName,
                vehicle,
                lookAlike,
                image,
                found);
    }

    SearchCursor cursor() {
        return new SearchCursor(capturedAt, readId);
    }
}
