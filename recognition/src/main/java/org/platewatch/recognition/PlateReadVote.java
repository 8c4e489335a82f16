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

    private PlateReadVote() {}

    record Result(String plate, double confidence, double[] charConfidences, int votes) {}

    static Optional<Result> vote(List<PlateSyntax.Resolved> reads) {
        Map<String, List<PlateSyntax.Resolved>> byText = new LinkedHashMap<>();
        for (PlateSyntax.Resolved r : reads) {
            if (r.plate().length() >= 2) {
                byText.computeIfAbsent(r.plate(), k -> new ArrayList<>()).add(r);
            }
        }
        String best = null;
        double bestScore = -1;
        for (Map.Entry<String, List<PlateSyntax.Resolved>> e : byText.entrySet()) {
            double score = 0;
            for (PlateSyntax.Resolved r : e.getValue()) {
                score += meanConfidence(r.charConfidences()) * Math.sqrt(PlateSyntax.plausibility(r.plate()));
            }
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        List<PlateSyntax.Resolved> agreeing = byText.get(best);
        double[] perChar = new double[best.length()];
        for (PlateSyntax.Resolved r : agreeing) {
            for (int i = 0; i < perChar.length; i++) {
                perChar[i] += r.charConfidences()[i] / agreeing.size();
            }
        }
        double agreement = agreeing.size() / (double) reads.size();
        return Optional.of(
                new Result(best, meanConfidence(perChar) * (0.5 + 0.5 * agreement), perChar, agreeing.size()));
    }

    /** Geometric mean of the per-character confidences: one doubtful character pulls the whole read down. */
    static double meanConfidence(double[] perChar) {
        if (perChar.length == 0) {
            return 0;
        }
        double log = 0;
        for (double p : perChar) {
            log += Math.log(Math.max(1e-6, p));
        }
        return Math.exp(log / perChar.length);
    }
}
