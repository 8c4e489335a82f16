package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads plate-like boxes, in two steps. {@link #glance} reads the box once as the scene detector
 * drew it, which is enough to throw out time stamps, slogans and signs. {@link #closeUp} then
 * re-detects the text lines inside an enlarged crop at a scale where characters are large,
 * picks the plate's main character line, reads it from several crops and lets them vote.
 */
final class CandidateReader {

    private final TextDetector lineDetector;
    private final TextLineReader reader;
    private final Settings settings;

    CandidateReader(TextDetector lineDetector, TextLineReader reader, Settings settings) {
        this.lineDetector = lineDetector;
        this.reader = reader;
        this.settings = settings;
    }

    /** One quick read of a scene box, and how plate-like it makes the box. */
    record Glance(TextBox box, LineRead read, double score) {
    }

    Glance glance(RgbImage img, PlateLocaliser.Scored scored) {
        TextBox b = scored.box();
        LineRead read = reader.read(img, b.x(), b.y(), b.w(), b.h(), 1.3);
        PlateSyntax.Resolved resolved = PlateSyntax.resolve(read);
        double score = scored.score() * PlateSyntax.plausibility(resolved.plate()) * read.meanConfidence();
        return new Glance(b, read, score);
    }

    Optional<PlateCandidate> closeUp(RgbImage img, Glance glance) {
        TextBox cand = glance.box();
        TextBox line = mainLine(img, cand).orElse(cand);
        List<PlateSyntax.Resolved> reads = new ArrayList<>();
        reads.add(PlateSyntax.resolve(glance.read()));
        for (double[] v : VARIANTS) {
            double padX = line.h() * v[0];
            double padY = line.h() * v[1];
            LineRead r = reader.read(img, line.x() - padX, line.y() - padY, line.w() + 2 * padX, line.h() + 2 * padY, v[2]);
            reads.add(PlateSyntax.resolve(r));
        }
        Optional<PlateReadVote.Result> vote = PlateReadVote.vote(reads);
        if (vote.isEmpty()) {
            return Optional.empty();
        }
        PlateReadVote.Result r = vote.get();
        double plausibility = PlateSyntax.plausibility(r.plate());
        if (plausibility <= 0) {
            return Optional.empty();
        }
        PlateBox box = new PlateBox((int) Math.round(line.x()), (int) Math.round(line.y()),
                (int) Math.round(line.w()), (int) Math.round(line.h()));
        double confidence = r.confidence() * Math.sqrt(plausibility);
        return Optional.of(PlateCandidate.of(r.plate(), confidence, null, box, r.charConfidences()));
    }

    /** Variants read per line: horizontal pad and vertical pad (in line heights) and horizontal stretch. */
    private static final double[][] VARIANTS = {
            {0.1, 0.05, 1.5},
            {0.15, 0.1, 1.2},
    };

    /**
     * The plate's character line near the candidate's centre, found by detecting again at a
     * close-up scale: the tallest line, joined with neighbours on the same baseline (plates often
     * have a gap or an emblem between character groups, which splits the detection).
     */
    Optional<TextBox> mainLine(RgbImage img, TextBox cand) {
        double rx = cand.x() - cand.w() * 0.25;
        double ry = cand.y() - cand.h() * 0.6;
        double rw = cand.w() * 1.5;
        double rh = cand.h() * 2.2;
        double s = settings.lineHeight() / cand.h();
        int dw = Math.min(640, Recognizer.roundTo32(rw * s));
        int dh = Math.min(320, Recognizer.roundTo32(rh * s));
        List<TextBox> lines = lineDetector.detect(img, rx, ry, rw, rh, dw, dh, 0.3);
        TextBox best = null;
        double bestScore = 0;
        for (TextBox l : lines) {
            if (l.cx() < cand.x() || l.cx() > cand.x() + cand.w() || l.aspect() < 0.8) {
                continue;
            }
            double score = l.h() * Math.min(1, l.w() / (cand.w() * 0.5)) * l.score();
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        return Optional.ofNullable(best == null ? null : joinNeighbours(best, lines));
    }

    static TextBox joinNeighbours(TextBox line, List<TextBox> lines) {
        TextBox joined = line;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TextBox o : lines) {
                if (o == line || !sameLine(joined, o)) {
                    continue;
                }
                double x0 = Math.min(joined.x(), o.x());
                double x1 = Math.max(joined.x() + joined.w(), o.x() + o.w());
                if (x1 - x0 > joined.w() + 0.5) {
                    double y0 = Math.min(joined.y(), o.y());
                    double y1 = Math.max(joined.y() + joined.h(), o.y() + o.h());
                    joined = new TextBox(x0, y0, x1 - x0, y1 - y0, Math.max(joined.score(), o.score()));
                    grew = true;
                }
            }
        }
        return joined;
    }

    /** Similar height, mostly overlapping vertically, and a horizontal gap of at most about one character. */
    static boolean sameLine(TextBox a, TextBox b) {
        double ratio = b.h() / a.h();
        if (ratio < 0.6 || ratio > 1.5) {
            return false;
        }
        double overlapY = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
        if (overlapY < 0.6 * Math.min(a.h(), b.h())) {
            return false;
        }
        double gap = Math.max(b.x() - (a.x() + a.w()), a.x() - (b.x() + b.w()));
        return gap < 0.8 * a.h();
    }
}
