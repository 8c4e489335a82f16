package org.platewatch.recognition.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point for {@code bin/platewatch recognize} and {@code bin/platewatch bench-recognition}.
 * The subcommand is the first argument.
 */
public final class RecognitionCli {

    static final String USAGE = """
            Usage: platewatch recognize [--json] [--top N] IMAGE...
                   platewatch bench-recognition DIR [--top N] [--verbose] [--held-out | --fold K]
                   platewatch train-plate-head DIR [--out FILE] [--epochs N] [--seed N]
            """;

    private RecognitionCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("platewatch: missing subcommand (recognize, bench-recognition or train-plate-head)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "recognize" -> new RecognizeCommand(out, err).run(rest);
                case "bench-recognition" -> new BenchCommand(out, err).run(rest);
                case "train-plate-head" -> new TrainCommand(out).run(rest);
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

    /** A command's one directory argument; anything starting with '-' here is an unknown option. */
    static java.nio.file.Path onlyDirectory(String arg, java.nio.file.Path already) {
        if (arg.startsWith("-")) {
            throw new UsageException("unknown option '" + arg + "' (try --help)");
        }
        if (already != null) {
            throw new UsageException("give one directory");
        }
        return java.nio.file.Path.of(arg);
    }

    static void requireDirectory(java.nio.file.Path dir) {
        if (dir == null) {
            throw new UsageException("no directory given (try --help)");
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
