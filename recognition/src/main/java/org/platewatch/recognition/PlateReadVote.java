package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combines several reads of the same plate (different crops and stretches). Crops fail in
 * different ways, so the text most of them agree on is usually right; agreement also raises
 * the confidence.
 */
final class PlateReadVote {

    private PlateReadVote() {
    }

    record Result(String plate, double confidence, double[] charConfidences, int votes) {
    }

    static Optional<Result> vote(List<LineRead> reads) {
        Map<String, List<LineRead>> byText = new LinkedHashMap<>();
        for (LineRead r : reads) {
            if (r.plate().length() >= 2) {
                byText.computeIfAbsent(r.plate(), k -> new ArrayList<>()).add(r);
            }
        }
        String best = null;
        double bestScore = -1;
        for (Map.Entry<String, List<LineRead>> e : byText.entrySet()) {
            double score = 0;
            for (LineRead r : e.getValue()) {
                score += r.meanConfidence();
            }
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        List<LineRead> agreeing = byText.get(best);
        double[] perChar = new double[best.length()];
        for (LineRead r : agreeing) {
            for (int i = 0; i < perChar.length; i++) {
                perChar[i] += r.confidenceAt(i) / agreeing.size();
            }
        }
        double agreement = agreeing.size() / (double) reads.size();
        double mean = bestScore / agreeing.size();
        return Optional.of(new Result(best, mean * (0.5 + 0.5 * agreement), perChar, agreeing.size()));
    }
}
