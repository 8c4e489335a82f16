package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    /** The home state's serial formats, looked up once. */
    private final Set<String> homeFormats;

    CandidateReader(TextDetector lineDetector, TextLineReader reader, Settings settings) {
        this.lineDetector = lineDetector;
        this.reader = reader;
        this.settings = settings;
        this.homeFormats = settings.homeFormats();
    }

    /**
     * One quick read of a scene box, and how plate-like it makes the box.
     *
     * @param placement how plate-like the box is by shape, contrast and position alone
     */
    record Glance(TextBox box, LineRead read, double score, double placement) {}

    Glance glance(RgbImage img, PlateLocaliser.Scored scored) {
        TextBox b = scored.box();
        // The model's own layer (TextLineReader.read), not the plate head: its doubt on signs ranks them low.
        LineRead read = reader.read(img, b.x(), b.y(), b.w(), b.h(), GLANCE_STRETCH);
        PlateSyntax.Resolved resolved = PlateSyntax.resolve(read, homeFormats);
        double score = PlateSyntax.looksLikeTimestamp(read.raw())
                ? 0
                : scored.score() * PlateSyntax.plausibility(resolved.plate()) * read.meanConfidence();
        return new Glance(b, read, score, scored.score());
    }

    Optional<PlateCandidate> closeUp(RgbImage img, Glance glance) {
        TextBox cand = glance.box();
        TextBox line = mainLine(img, cand).orElse(cand);
        Optional<PlateReadVote.Result> vote = PlateReadVote.vote(closeUpReads(img, glance, line));
        if (vote.isEmpty()) {
            return Optional.empty();
        }
        PlateReadVote.Result r = vote.get();
        double plausibility = PlateSyntax.plausibility(r.plate());
        if (plausibility <= 0) {
            return Optional.empty();
        }
        PlateBox box =
                new PlateBox((int) Math.round(line.x()), (int) Math.round(line.y()), (int) Math.round(line.w()), (int)
                        Math.round(line.h()));
        double confidence = r.confidence() * plausibility;
        return Optional.of(PlateCandidate.of(r.plate(), confidence, null, box, r.charConfidences()));
    }

    /**
     * The reads a close-up votes with, after the syntax: the quick read (measured to help) and
     * the plate head's read of each crop variant of the character line, time stamps left out.
     */
    List<PlateSyntax.Resolved> closeUpReads(RgbImage img, Glance glance, TextBox line) {
        List<PlateSyntax.Resolved> reads = new ArrayList<>();
        reads.add(PlateSyntax.resolve(glance.read(), homeFormats));
        for (double[] v : VARIANTS) {
            LineRead r = reader.decode(reader.run(variantInput(reader, img, line, v)));
            if (!PlateSyntax.looksLikeTimestamp(r.raw())) {
                reads.add(PlateSyntax.resolve(r, homeFormats));
            }
        }
        return reads;
    }

    /**
     * The bands just above and below the character line, where plates print the state name,
     * slogan or web address, as {x, y, w, h}: read each with {@link #readBand} and give the texts
     * to {@link StateFinder#find}. (Reading taller bands once more when these name no state found
     * 6 more states of the 751 us-crops/ photos, but on us/, where most plates name none, it cost
     * about 15 ms of the median time per photo: not worth it on the path to an alert.)
     */
    static List<double[]> stateBands(PlateBox plateLine) {
        double x = plateLine.x() - plateLine.width() * 0.15;
        double w = plateLine.width() * 1.3;
        double h = plateLine.height();
        return List.of(
                new double[] {x, plateLine.y() - 0.75 * h, w, 0.7 * h},
                new double[] {x, plateLine.y() + h, w, 0.6 * h});
    }

    /** The raw text of one state band, read with the model's own layer (the plate head knows only A-Z and 0-9). */
    String readBand(RgbImage img, double[] band) {
        return reader.read(img, band[0], band[1], band[2], band[3], 1.0).raw();
    }

    /**
     * Crops read per line, as {horizontal pad, vertical pad (both in line heights), horizontal
     * stretch}. Plate fonts are tall and narrow; widening them gives the reader (trained on
     * documents) more time steps per character, so doubled letters stop merging.
     */
    static final double[][] VARIANTS = {
        {0.1, 0.05, 1.5},
        {0.15, 0.1, 1.2},
    };
    /** Stretch of the quick read of a whole-scene box. */
    static final double GLANCE_STRETCH = 1.3;
    /** The close-up crop around a scene box, in box widths and heights on each side. */
    private static final double PAD_X = 0.25;

    private static final double PAD_Y = 0.6;
    /** The least share of the quick-read box, in width and in height, that a character line found close up must cover. */
    private static final double MIN_LINE_SHARE = 0.35;

    /** The reader's input for one close-up crop variant of a character line. */
    static TextLineReader.Input variantInput(TextLineReader reader, RgbImage img, TextBox line, double[] variant) {
        double padX = line.h() * variant[0];
        double padY = line.h() * variant[1];
        return reader.input(
                img, line.x() - padX, line.y() - padY, line.w() + 2 * padX, line.h() + 2 * padY, variant[2]);
    }

    /**
     * The plate's character line near the candidate's centre, found by detecting again at a
     * close-up scale: the tallest line, joined with neighbours on the same baseline (plates often
     * have a gap or an emblem between character groups, which splits the detection).
     */
    Optional<TextBox> mainLine(RgbImage img, TextBox cand) {
        double rx = cand.x() - cand.w() * PAD_X;
        double ry = cand.y() - cand.h() * PAD_Y;
        double rw = cand.w() * (1 + 2 * PAD_X);
        double rh = cand.h() * (1 + 2 * PAD_Y);
        double s = settings.lineHeight() / cand.h();
        int dw = Math.min(640, Recognizer.roundTo32(rw * s));
        int dh = Math.min(320, Recognizer.roundTo32(rh * s));
        List<TextBox> lines = lineDetector.detect(img, rx, ry, rw, rh, dw, dh, 0.3);
        TextBox best = null;
        double bestScore = 0;
        for (TextBox l : lines) {
            // On a blurred plate the close-up detector may find only a bolt or a sticker: a line
            // that low is not the character line.
            if (l.cx() < cand.x()
                    || l.cx() > cand.x() + cand.w()
                    || l.aspect() < 0.8
                    || l.h() < cand.h() * MIN_LINE_SHARE) {
                continue;
            }
            double score = l.h() * Math.min(1, l.w() / (cand.w() * 0.5)) * l.score();
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        TextBox joined = TextLines.joinNeighbours(best, lines);
        // Nor is a line this short, even joined: the quick read's own box is the better crop then.
        return joined.w() < cand.w() * MIN_LINE_SHARE ? Optional.empty() : Optional.of(joined);
    }
}
