package org.platewatch.recognition;

/** Builds {@link LineRead}s by hand, so that the plate-syntax rules can be tested without the model. */
final class Reads {

    private Reads() {}

    /** Each character read with the given confidence; the rest of its probability goes to nothing in particular. */
    static LineRead of(String plate, double confidence) {
        double[][] probs = new double[plate.length()][PlateSymbols.COUNT];
        for (int i = 0; i < plate.length(); i++) {
            probs[i][PlateSymbols.index(plate.charAt(i))] = confidence;
        }
        return new LineRead(plate, plate, probs);
    }

    /** As {@link #of}, with character {@code at} given its own confidence and a runner-up. */
    static LineRead withRunnerUp(
            String plate, double confidence, int at, double atConfidence, char runnerUp, double runnerUpProb) {
        LineRead r = of(plate, confidence);
        r.charProbs()[at][PlateSymbols.index(plate.charAt(at))] = atConfidence;
        r.charProbs()[at][PlateSymbols.index(runnerUp)] = runnerUpProb;
        return r;
    }
}
