package org.platewatch.recognition.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.UnreadableImageException;

/** {@code recognize [--json] [--top N] IMAGE...}: one JSON line per image. */
final class RecognizeCommand {

    static final String HELP = """
            Usage: platewatch recognize [--json] [--top N] IMAGE...
            Reads licence plates from each image and prints one JSON line per image:
              {"image": PATH, "ms": MILLISECONDS, "candidates": [{"plate": "7ABC123", "confidence": 0.97,
               "region": "us-ca" or null, "box": [x, y, w, h]}, ...]}
            Candidates are best first; region is null when the plate does not say its state.
              --json    JSON output (the default and only format; accepted for scripts)
              --top N   at most N candidates per image (default 3)
            A file that is not an image is reported on stderr and the others still run; the exit
            status is then 1.
            """;

    private final PrintStream out;
    private final PrintStream err;

    RecognizeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        int top = 3;
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--json" -> {}
                case "--top" -> {
                    if (i + 1 >= args.length) {
                        throw new RecognitionCli.UsageException("--top needs a number");
                    }
                    top = RecognitionCli.parseTop(args[++i]);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new RecognitionCli.UsageException("unknown option '" + a + "' (try --help)");
                    }
                    images.add(Path.of(a));
                }
            }
        }
        if (images.isEmpty()) {
            throw new RecognitionCli.UsageException("no image given (try --help)");
        }
        int failed = 0;
        try (Recognizer recognizer = new Recognizer()) {
            for (Path image : images) {
                try {
                    long start = System.nanoTime();
                    BufferedImage decoded = Recognizer.decode(image);
                    List<PlateCandidate> candidates = recognizer.recognize(decoded);
                    double ms = (System.nanoTime() - start) / 1e6;
                    out.println(line(image, ms, candidates, top));
                } catch (UnreadableImageException e) {
                    failed++;
                    err.println("platewatch recognize: " + image + ": " + e.getMessage());
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static String line(Path image, double ms, List<PlateCandidate> candidates, int top) {
        StringJoiner cands = new StringJoiner(", ", "[", "]");
        for (PlateCandidate c : candidates.subList(0, Math.min(top, candidates.size()))) {
            cands.add("{\"plate\": " + Json.string(c.plate())
                    + ", \"confidence\": " + Json.number(c.confidence(), 3)
                    + ", \"region\": " + Json.string(c.region())
                    + ", \"box\": [" + c.box().x() + ", " + c.box().y() + ", "
                    + c.box().width() + ", " + c.box().height() + "]}");
        }
        return "{\"image\": " + Json.string(image.toString()) + ", \"ms\": " + Json.number(ms, 1) + ", \"candidates\": "
                + cands + "}";
    }
}
