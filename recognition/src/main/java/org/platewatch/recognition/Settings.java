package org.platewatch.recognition;

/**
 * The pipeline's tuning knobs in one place. Defaults are what was measured best on the
 * development set (see docs/recognition.md); system properties {@code platewatch.recognition.*}
 * override them for experiments without a rebuild.
 *
 * @param detMaxSide     longest side of the whole-scene detection input (smaller is faster, misses small plates)
 * @param detMinScore    mean text probability a whole-scene box needs to be kept
 * @param maxCandidates  plate-like boxes read per image, best-ranked first
 * @param lineHeight     pixel height the candidate's text is scaled to for the second, close-up detection
 * @param threads        ONNX Runtime intra-op threads per inference
 */
record Settings(int detMaxSide, double detMinScore, int maxCandidates, int lineHeight, int threads) {

    static Settings defaults() {
        return new Settings(
                Integer.getInteger("platewatch.recognition.detMaxSide", 736),
                Double.parseDouble(System.getProperty("platewatch.recognition.detMinScore", "0.4")),
                Integer.getInteger("platewatch.recognition.maxCandidates", 4),
                Integer.getInteger("platewatch.recognition.lineHeight", 40),
                Integer.getInteger("platewatch.recognition.threads", 2));
    }
}
