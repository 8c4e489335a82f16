package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Development aid, not a test: for the best two glances, each read the close-up votes with (after syntax) and the vote's result. */
public final class VoteProbe {
    public static void main(String[] args) {
        try (Recognizer r = new Recognizer(Settings.defaults())) {
            for (String a : args) {
                RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a)));
                System.out.println("== " + a);
                List<CandidateReader.Glance> glances = r.glances(img);
                for (CandidateReader.Glance g : glances.subList(0, Math.min(2, glances.size()))) {
                    TextBox line = r.candidateReader().mainLine(img, g.box()).orElse(g.box());
                    List<PlateSyntax.Resolved> reads = r.candidateReader().closeUpReads(img, g, line);
                    System.out.printf(
                            Locale.ROOT,
                            "  quick read %s, then the crops:%n",
                            g.read().plate());
                    reads.forEach(res -> System.out.println("    " + describe(res)));
                    PlateReadVote.vote(reads)
                            .ifPresent(v -> System.out.printf(
                                    Locale.ROOT,
                                    "  vote   %s conf %.3f votes %d%n",
                                    v.plate(),
                                    v.confidence(),
                                    v.votes()));
                }
            }
        }
    }

    private static String describe(PlateSyntax.Resolved r) {
        return String.format(
                Locale.ROOT,
                "%-9s score %.2f mean %.3f plaus %.2f",
                r.plate(),
                r.score(),
                PlateReadVote.meanConfidence(r.charConfidences()),
                PlateSyntax.plausibility(r.plate()));
    }
}
