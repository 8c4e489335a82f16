package org.platewatch.recognition;

/**
 * What the recogniser read from one text line.
 *
 * @param raw        everything decoded, case and punctuation kept (used to spot state names)
 * @param plate      only the plate characters A-Z and 0-9, upper case
 * @param charProbs  for each plate character, the probability of each of the 36 plate symbols
 *                   ({@link PlateSymbols#SYMBOLS} order) at the time step where it peaked
 */
record LineRead(String raw, String plate, double[][] charProbs) {

    double confidenceAt(int i) {
        return charProbs[i][PlateSymbols.index(plate.charAt(i))];
    }

    /** Geometric-mean-like confidence: the product of the per-character probabilities, length-normalised. */
    double meanConfidence() {
        if (plate.isEmpty()) {
            return 0;
        }
        double log = 0;
        for (int i = 0; i < plate.length(); i++) {
            log += Math.log(Math.max(1e-6, confidenceAt(i)));
        }
        return Math.exp(log / plate.length());
    }
}
