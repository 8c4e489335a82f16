package org.platewatch.recognition.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.UnreadableImageException;

/**
 * {@code recognize [--json] [--top N] [--jobs N] IMAGE|DIR...}: one JSON line per photo, in the
 * order given, however many photos are read at once.
 */
final class RecognizeCommand {

    static final String HELP = """
            Usage: platewatch recognize [--json] [--top N] [--jobs N] IMAGE|DIR...
            Reads licence plates from each photo and prints one JSON line per photo:
              {"image": PATH, "ms": MILLISECONDS, "candidates": [{"plate": "7ABC123", "confidence": 0.97,
               "region": "us-ca" or null, "box": [x, y, w, h]}, ...]}
            Candidates are best first; region is null when the plate does not say its state.
            A directory stands for its .jpg, .jpeg, .png, .bmp and .gif files in name order (other
            files are skipped with one line on stderr; subdirectories are not read).
              --json    JSON output (the default and only format; accepted for scripts)
              --top N   at most N candidates per photo (default 3)
              --jobs N  read N photos at once (default 1); the lines still come in the order given
            A missing file or one that is not an image is reported on one line on stderr and the
            others still run; the exit status is then 1. Bad options: exit status 2.
            """;

    /** More threads than this only queue behind the ONNX sessions' own threads. */
    static final int MAX_JOBS = 64;

    private final PrintStream out;
    private final PrintStream err;

    RecognizeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        int top = 3;
        int jobs = 1;
        List<String> inputs = new ArrayList<>();
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
                case "--jobs" -> {
                    if (i + 1 >= args.length) {
                        throw new RecognitionCli.UsageException("--jobs needs a number");
                    }
                    jobs = parseJobs(args[++i]);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new RecognitionCli.UsageException("unknown option '" + a + "' (try --help)");
                    }
                    inputs.add(a);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new RecognitionCli.UsageException("no image given (try --help)");
        }
        List<PhotoList.Entry> photos = PhotoList.expand(inputs, err);
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(jobs, daemonThreads());
        try (Recognizer recognizer = new Recognizer()) {
            int shown = top;
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (PhotoList.Entry photo : photos) {
                outcomes.add(pool.submit(() -> read(recognizer, photo, shown)));
            }
            // Printed in the order given: a photo read early by another thread waits for the ones before it.
            for (Future<Outcome> pending : outcomes) {
                Outcome outcome = join(pending);
                if (outcome.line() != null) {
                    out.println(outcome.line());
                } else {
                    failed++;
                    err.println("platewatch recognize: " + outcome.path() + ": " + outcome.problem());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failed == 0 ? 0 : 1;
    }

    private static Outcome read(Recognizer recognizer, PhotoList.Entry photo, int top) {
        Path image = photo.path();
        if (photo.problem() != null) {
            return Outcome.failed(image, photo.problem());
        }
        if (!Files.exists(image)) {
            return Outcome.failed(image, "no such file");
        }
        try {
            long start = System.nanoTime();
            BufferedImage decoded = Recognizer.decode(image);
            List<PlateCandidate> candidates = recognizer.recognize(decoded);
            double ms = (System.nanoTime() - start) / 1e6;
            return new Outcome(image, line(image, ms, candidates, top), null);
        } catch (UnreadableImageException e) {
            return Outcome.failed(image, e.getMessage());
        } catch (RuntimeException e) {
            // One photo the models choke on must not cost the rest of the run its answers.
            return Outcome.failed(image, "could not be read: " + e);
        }
    }

    private static Outcome join(Future<Outcome> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading photos", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a photo failed", e.getCause());
        }
    }

    static int parseJobs(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RecognitionCli.UsageException("--jobs needs a whole number, got '" + value + "'");
        }
        if (n < 1 || n > MAX_JOBS) {
            throw new RecognitionCli.UsageException("--jobs must be between 1 and " + MAX_JOBS + ", got " + value);
        }
        return n;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "recognize-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** What became of one photo: its JSON line, or the problem to report. */
    private record Outcome(Path path, String line, String problem) {
        static Outcome failed(Path path, String problem) {
            return new Outcome(path, null, problem);
        }
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
