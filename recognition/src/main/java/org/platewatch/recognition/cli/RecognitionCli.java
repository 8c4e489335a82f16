package org.platewatch.recognition.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point for {@code bin/platewatch recognize}. The subcommand is the first argument.
 * {@code bench-recognition} and {@code train-plate-head} need labelled photos and live in the
 * {@code recognition-training} module ({@code TrainingCli}), outside the runtime jar.
 */
public final class RecognitionCli {

    static final String USAGE = """
            Usage: platewatch recognize [--json] [--top N] [--jobs N] IMAGE|DIR...
            """;

    private RecognitionCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("platewatch: missing subcommand (recognize)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "recognize" -> new RecognizeCommand(out, err).run(rest);
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("platewatch: unknown recognition subcommand '" + args[0] + "'");
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("platewatch " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    /** Bad command-line input: reported on one line, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static int parseTop(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 20) {
                throw new UsageException("--top must be between 1 and 20, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--top needs a whole number, got '" + value + "'");
        }
    }
}
