package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Development aid, not a test: for the best two glances, each read the close-up votes with (after syntax) and the vote's result. */
public final class VoteProbe {
    public static void main(String[] args) {
        try (Recognizer r = new Recognizer(Settings.defaults())) {
            var home = Settings.defaults().homeFormats();
            for (String a : args) {
                RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a)));
                System.out.println("== " + a);
                List<CandidateReader.Glance> glances = r.glances(img);
                for (CandidateReader.Glance g : glances.subList(0, Math.min(2, glances.size()))) {
                    TextBox line = r.candidateReader().mainLine(img, g.box()).orElse(g.box());
                    List<PlateSyntax.Resolved> reads = new ArrayList<>();
                    reads.add(PlateSyntax.resolve(g.read(), home));
                    System.out.printf(Locale.ROOT, "  glance %-9s -> %s%n", g.read().plate(), describe(reads.get(0)));
                    for (double[] v : CandidateReader.VARIANTS) {
                        LineRead lr = r.lineReader().decode(r.lineReader().run(CandidateReader.variantInput(r.lineReader(), img, line, v)));
                        PlateSyntax.Resolved res = PlateSyntax.resolve(lr, home);
                        reads.add(res);
                        System.out.printf(Locale.ROOT, "  crop   %-9s -> %s%n", lr.plate(), describe(res));
                    }
                    PlateReadVote.vote(reads).ifPresent(v -> System.out.printf(Locale.ROOT, "  vote   %s conf %.3f votes %d%n", v.plate(), v.confidence(), v.votes()));
                }
            }
        }
    }

    private static String describe(PlateSyntax.Resolved r) {
        return String.format(Locale.ROOT, "%-9s score %.2f mean %.3f plaus %.2f", r.plate(), r.score(),
                PlateReadVote.meanConfidence(r.charConfidences()), PlateSyntax.plausibility(r.plate()));
    }
}
