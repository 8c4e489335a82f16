package org.platewatch.recognition;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** Placeholder, replaced below. */
final class VehicleColourEstimator {
    Optional<VehicleDescription> describe(BufferedImage image, PlateBox plate) {
        return Optional.empty();
    }
}
