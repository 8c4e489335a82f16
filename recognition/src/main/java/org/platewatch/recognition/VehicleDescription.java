package org.platewatch.recognition;

/**
 * What can be said about the vehicle around a plate.
 *
 * @param colour      dominant body colour: white, silver, grey, black, red, orange, yellow,
 *                    green, blue, purple, brown or beige; null when no colour clearly dominates
 * @param colourShare share (0..1) of the sampled body pixels that had the reported (or leading) colour
 * @param make        always null: no model that recognises makes is reachable from this build
 *                    (only OCR weights are on Maven Central), and guessing from badges is not honest
 * @param type        always null, for the same reason (no vehicle-type classifier is available)
 */
public record VehicleDescription(String colour, double colourShare, String make, String type) {
}
