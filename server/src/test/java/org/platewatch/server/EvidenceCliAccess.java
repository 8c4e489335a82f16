package org.platewatch.server;

import java.io.PrintStream;
import java.util.List;

/** The launcher's entry point for tests in feature packages, which cannot reach its package-private parts. */
public final class EvidenceCliAccess {

    /** A usage error (exit status 2), with the one line the launcher prints. */
    public static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    private EvidenceCliAccess() {}

    public static int run(List<String> args, PrintStream out) {
        try {
            return PlatewatchCli.run(args, out);
        } catch (CommandOptions.UsageException e) {
            throw new Usage(e.getMessage());
        }
    }
}
