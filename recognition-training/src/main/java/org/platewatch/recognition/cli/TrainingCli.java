package org.platewatch.recognition.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point for {@code bin/platewatch train-plate-head} and {@code bin/platewatch
 * bench-recognition}, the commands that work on a labelled folder. They live in this module, not
 * in {@code recognition}, so that the jar the server and the edge load holds inference only
 * ({@link RecognitionCli} keeps {@code recognize}). The subcommand is the first argument; bad
 * input is reported as {@link RecognitionCli} reports it: one line, exit status 2.
 */
public final class TrainingCli {

    static final String USAGE = """
            Usage: platewatch bench-recognition DIR [--top N] [--verbose] [--held-out | --fold K]
                   platewatch train-plate-head DIR [--out FILE] [--epochs N] [--seed N] [--hold-out K|none]
            """;

    private TrainingCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("platewatch: missing subcommand (bench-recognition or train-plate-head)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "bench-recognition" -> new BenchCommand(out, err).run(rest);
                case "train-plate-head" -> new TrainCommand(out).run(rest);
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("platewatch: unknown training subcommand '" + args[0] + "'");
                    yield 2;
                }
            };
        } catch (RecognitionCli.UsageException e) {
            err.println("platewatch " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    /** A command's one directory argument; anything starting with '-' here is an unknown option. */
    static Path onlyDirectory(String arg, Path already) {
        if (arg.startsWith("-")) {
            throw new RecognitionCli.UsageException("unknown option '" + arg + "' (try --help)");
        }
        if (already != null) {
            throw new RecognitionCli.UsageException("give one directory");
        }
        return Path.of(arg);
    }

    static void requireDirectory(Path dir) {
        if (dir == null) {
            throw new RecognitionCli.UsageException("no directory given (try --help)");
        }
    }
}
