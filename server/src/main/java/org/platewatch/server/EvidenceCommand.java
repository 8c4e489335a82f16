package org.platewatch.server;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.platewatch.server.CommandOptions.UsageException;
import org.platewatch.server.retention.EvidenceVerifier;

/** {@code bin/platewatch evidence verify FILE.zip [--public-key FILE]}: checks a package file, with no database. */
final class EvidenceCommand {

    private EvidenceCommand() {}

    static int run(List<String> args, PrintStream out) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: bin/platewatch evidence verify FILE.zip [--public-key FILE]
                      Checks an evidence package (POST /api/v1/holds/{id}/evidence) without the server: the SHA-256 of
                      every file against manifest.json, the package SHA-256 against what the manifest lists, and the
                      department's Ed25519 signature over it. It only reads the ZIP; nothing is extracted.
                      --public-key FILE  the department's key (Base64 or PEM, as GET /api/v1/audit/anchors/latest
                                         publishes it); without it, the key in the package is used, and its id must be
                                         compared with the one the department publishes.
                      Prints "OK ..." and exits 0 when intact; else one line per problem, naming the file (changed,
                      missing, extra, bad signature), and exits 1. Exits 2 on bad usage, a missing file or not a ZIP.""");
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("verify")) {
            throw new UsageException("usage: evidence verify FILE.zip [--public-key FILE]");
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException("evidence verify needs the package file: evidence verify FILE.zip");
        }
        CommandOptions o = CommandOptions.parse(rest.subList(1, rest.size()), Set.of("public-key"), Set.of());
        try {
            java.nio.file.Path file = java.nio.file.Path.of(rest.get(0));
            java.nio.file.Path key =
                    o.get("public-key").map(java.nio.file.Path::of).orElse(null);
            EvidenceVerifier.Result result = EvidenceVerifier.verify(file, key);
            if (result.intact()) {
                out.println(result.summary());
                return 0;
            }
            result.problems().forEach(out::println);
            out.println("NOT INTACT: " + result.problems().size() + " problem(s) in " + file);
            return 1;
        } catch (EvidenceVerifier.Unusable
                | java.nio.file.InvalidPathException
                | java.io.UncheckedIOException
                | SecurityException e) {
            throw new UsageException("evidence verify: " + e.getMessage());
        }
    }
}
