package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one plate-like box close up: re-detects the text lines inside an enlarged crop at a
 * scale where characters are large, picks the plate's main character line, reads it from
 * several crops and lets them vote.
 */
final class CandidateReader {

    private final TextDetector detector;
    private final TextLineReader reader;
    private final Settings settings;

    CandidateReader(TextDetector detector, TextLineReader reader, Settings settings) {
        this.detector = detector;
        this.reader = reader;
        this.settings = settings;
    }

    Optional<PlateCandidate> read(RgbImage img, TextBox cand) {
        TextBox line = mainLine(img, cand).orElse(cand);
        List<LineRead> reads = new ArrayList<>();
        for (double[] v : VARIANTS) {
            double padX = line.h() * v[0];
            double padY = line.h() * v[1];
            reads.add(reader.read(img, line.x() - padX, line.y() - padY, line.w() + 2 * padX, line.h() + 2 * padY, v[2]));
        }
        Optional<PlateReadVote.Result> vote = PlateReadVote.vote(reads);
        if (vote.isEmpty()) {
            return Optional.empty();
        }
        PlateReadVote.Result r = vote.get();
        PlateBox box = new PlateBox((int) Math.round(line.x()), (int) Math.round(line.y()),
                (int) Math.round(line.w()), (int) Math.round(line.h()));
        return Optional.of(PlateCandidate.of(r.plate(), r.confidence(), null, box, r.charConfidences()));
    }

    /** Variants read per line: horizontal pad and vertical pad (in line heights) and horizontal stretch. */
    private static final double[][] VARIANTS = {
            {0.05, 0.0, 1.0},
            {0.1, 0.05, 1.5},
            {0.15, 0.1, 1.25},
    };

    /** The tallest text line near the candidate's centre, found by detecting again at a close-up scale. */
    Optional<TextBox> mainLine(RgbImage img, TextBox cand) {
        double rx = cand.x() - cand.w() * 0.25;
        double ry = cand.y() - cand.h() * 0.6;
        double rw = cand.w() * 1.5;
        double rh = cand.h() * 2.2;
        double s = settings.lineHeight() / cand.h();
        int dw = Math.min(640, Recognizer.roundTo32(rw * s));
        int dh = Math.min(320, Recognizer.roundTo32(rh * s));
        List<TextBox> lines = detector.detect(img, rx, ry, rw, rh, dw, dh, 0.3);
        TextBox best = null;
        double bestScore = 0;
        for (TextBox l : lines) {
            if (l.cx() < cand.x() || l.cx() > cand.x() + cand.w() || l.aspect() < 1.0) {
                continue;
            }
            double score = l.h() * Math.min(1, l.w() / (cand.w() * 0.5)) * l.score();
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        return Optional.ofNullable(best);
    }
}
