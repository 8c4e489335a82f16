package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.Locale;

/** Development aid, not a test: the original layer's and the plate head's reads of each close-up crop, with each character's two best symbols. */
public final class HeadProbe {
    public static void main(String[] args) {
        try (Recognizer r = new Recognizer(Settings.defaults())) {
            for (String a : args) {
                RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a)));
                System.out.println("== " + a);
                for (CandidateReader.Glance g : r.glances(img).subList(0, 1)) {
                    TextBox line = r.candidateReader().mainLine(img, g.box()).orElse(g.box());
                    for (double[] v : CandidateReader.VARIANTS) {
                        TextLineReader.Pass pass =
                                r.lineReader().run(CandidateReader.variantInput(r.lineReader(), img, line, v));
                        System.out.println(
                                "  original " + describe(r.lineReader().decodeOriginal(pass)));
                        System.out.println(
                                "  head     " + describe(r.lineReader().decode(pass)));
                    }
                }
            }
        }
    }

    private static String describe(LineRead read) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s", read.plate()));
        for (double[] p : read.charProbs()) {
            int first = 0, second = 1;
            for (int s = 0; s < p.length; s++) {
                if (p[s] > p[first]) {
                    second = first;
                    first = s;
                } else if (s != first && p[s] > p[second]) {
                    second = s;
                }
            }
            b.append(String.format(
                    Locale.ROOT,
                    " %c%.2f/%c%.2f",
                    PlateSymbols.SYMBOLS.charAt(first),
                    p[first],
                    PlateSymbols.SYMBOLS.charAt(second),
                    p[second]));
        }
        return b.toString();
    }
}
