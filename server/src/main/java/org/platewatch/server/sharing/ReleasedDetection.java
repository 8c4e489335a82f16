package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.UUID;

/** A detection as a release package holds it. */
record ReleasedDetection(
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
        String make,
        String model,
        String color,
        String type,
        String imageSha256) {}
