package org.platewatch.recognition;

import java.util.Arrays;
import java.util.List;

/**
 * One possible reading of a plate in an image.
 *
 * @param plate                normalised plate text (A-Z, 0-9; see {@code PlateText.normalise})
 * @param confidence           0..1, how much the reading is to be trusted (not a calibrated probability)
 * @param region               issuing jurisdiction such as {@code us-ca}, or null when the plate itself does not say
 * @param box                  where the plate's characters are, in image pixels
 * @param characterConfidences one value 0..1 per character of {@code plate}
 */
public record PlateCandidate(
        String plate, double confidence, String region, PlateBox box, List<Double> characterConfidences) {

    public PlateCandidate {
        characterConfidences = List.copyOf(characterConfidences);
        if (characterConfidences.size() != plate.length()) {
            throw new IllegalArgumentException("one confidence per character expected");
        }
    }

    static PlateCandidate of(String plate, double confidence, String region, PlateBox box, double[] perChar) {
        return new PlateCandidate(
                plate, confidence, region, box, Arrays.stream(perChar).boxed().toList());
    }
}
