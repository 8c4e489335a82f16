package org.platewatch.server;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.platewatch.server.CommandOptions.UsageException;
import org.platewatch.server.audit.AuditAnchor;
import org.platewatch.server.audit.AuditAnchors;
import org.platewatch.server.audit.AuditChain;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.ingest.RegisteredDevice;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.UnsafeDatabaseSetup;
import org.platewatch.server.policy.ProfileFileException;
import org.platewatch.server.policy.ProfileYaml;
import org.platewatch.server.policy.ShippedProfiles;
import org.platewatch.server.policy.UnknownPolicyProfileException;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server jar's entry point: {@code serve} runs the server; the administrative subcommands
 * ({@code device add}, {@code user add}, {@code user token}, {@code audit verify}, {@code audit anchor}) start the application
 * without its web server, against the same database, do one thing and exit; {@code evidence verify} needs neither
 * database nor server: it checks a package file on its own.
 */
public final class PlatewatchCli {

    private static final Set<String> DATA_DIR = Set.of("data-dir");

    private PlatewatchCli() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(Arrays.asList(args), System.out);
        } catch (UsageException e) {
            System.err.println("platewatch: " + e.getMessage() + " (see --help)");
            status = 2;
        } catch (ProblemException e) {
            System.err.println("platewatch: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            RuntimeException refused = refusal(e);
            if (refused == null) {
                throw e;
            }
            System.err.println("platewatch: " + refused.getMessage());
            status = refused instanceof UnsafeDatabaseSetup ? 1 : 2;
        }
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** A refusal at start that is reported as its one line: an unsafe database set-up, a bad profile file. */
    private static RuntimeException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsafeDatabaseSetup
                    || t instanceof ProfileFileException
                    || t instanceof UnknownPolicyProfileException) {
                return (RuntimeException) t;
            }
        }
        return null;
    }

    /** Returns the exit status, or -1 when the server keeps running. */
    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new UsageException("a subcommand is required");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "serve" -> serve(rest, out);
            case "device" -> device(rest, out);
            case "user" -> user(rest, out);
            case "audit" -> audit(rest, out);
            case "evidence" -> EvidenceCommand.run(rest, out);
            default -> throw new UsageException("unknown subcommand '" + command + "'");
        };
    }

    private static int serve(List<String> args, PrintStream out) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: bin/platewatch serve [--demo] [--profile NAME|FILE.yml] [--port N] [--data-dir DIR]
                      --demo          seed a demo department (users, cameras, a day of reads, a hot list)
                      --profile NAME  the department policy profile (default oakland; also sb274, the stricter
                                      SB 274 model), or a YAML file describing a whole profile (docs/profiles/)
                      --port N        HTTP port (default 8080)
                      --data-dir DIR  embedded database, images and demo credentials (default ./data)
                    Set PLATEWATCH_DB_URL, PLATEWATCH_DB_USER, PLATEWATCH_DB_PASSWORD to use an external PostgreSQL.""");
            return 0;
        }
        CommandOptions o = CommandOptions.parse(args, Set.of("profile", "port", "data-dir"), Set.of("demo"));
        List<String> springArgs = new ArrayList<>();
        if (o.flag("demo")) {
            springArgs.add("--platewatch.demo=true");
            // The demo is for trying Platewatch without an authenticator app; CJIS's second factor stays
            // on everywhere else (the users feature honours this only together with platewatch.demo).
            springArgs.add("--platewatch.users.second-factor=off-in-demo");
            // console: the demo serves plain HTTP, where a Secure session cookie would not come back
            springArgs.add("--server.servlet.session.cookie.secure=false");
        }
        o.get("profile").ifPresent(p -> springArgs.add(profileArgument(p)));
        o.integer("port").ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw new UsageException("option --port must be between 0 and 65535");
            }
            springArgs.add("--server.port=" + p);
        });
        o.get("data-dir").ifPresent(d -> springArgs.add("--platewatch.data-dir=" + d));
        SpringApplication.run(PlatewatchApplication.class, springArgs.toArray(String[]::new));
        return -1;
    }

    /**
     * A shipped profile's name, or a YAML file (a name ending in .yml or .yaml): the file is read here first, so that
     * a bad one is refused with its one line before anything starts.
     */
    private static String profileArgument(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".yml") && !lower.endsWith(".yaml")) {
            // refused here, in one line, rather than by the profile's bean deep inside the web server's start
            if (ShippedProfiles.byName(value).isEmpty()) {
                throw new UsageException("option --profile: no shipped profile '" + value + "' (shipped: "
                        + String.join(", ", ShippedProfiles.allNames()) + "), and not a .yml or .yaml file");
            }
            return "--platewatch.policy.profile=" + value;
        }
        java.nio.file.Path file = java.nio.file.Path.of(value).toAbsolutePath();
        ProfileYaml.load(file);
        return "--platewatch.policy.profile-file=" + file;
    }

    private static int device(List<String> args, PrintStream out) {
        if (args.isEmpty() || !args.get(0).equals("add")) {
            throw new UsageException(
                    "usage: device add --name NAME --kind fixed|mobile [--lat L --lon L --heading DEG]");
        }
        if (args.contains("--help")) {
            out.println(
                    "Usage: bin/platewatch device add --name NAME --kind fixed|mobile [--lat L --lon L --heading DEG]"
                            + " [--data-dir DIR]\n  Registers a camera or patrol car and prints its token once.");
            return 0;
        }
        CommandOptions o = CommandOptions.parse(
                args.subList(1, args.size()),
                union(DATA_DIR, Set.of("name", "kind", "lat", "lon", "heading")),
                Set.of());
        DeviceKind kind = switch (o.required("kind").toLowerCase(Locale.ROOT)) {
            case "fixed" -> DeviceKind.FIXED;
            case "mobile" -> DeviceKind.MOBILE;
            default -> throw new UsageException("option --kind must be fixed or mobile");
        };
        DeviceRegistration registration = new DeviceRegistration(
                o.required("name"),
                kind,
                o.number("lat").orElse(null),
                o.number("lon").orElse(null),
                o.number("heading").orElse(null));
        RegisteredDevice device =
                withContext(o, ctx -> ctx.getBean(DeviceRegistry.class).register(registration, Actor.commandLine()));
        out.println("Registered " + kind.name().toLowerCase(Locale.ROOT) + " device '"
                + device.device().name() + "' (" + device.device().id() + ").");
        out.println("Token (shown once; configure it on the device): " + device.token());
        return 0;
    }

    private static int user(List<String> args, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (rest.contains("--help")) {
            out.println("""
                    Usage: bin/platewatch user add --username U --role ROLE [--full-name NAME] [--training-date YYYY-MM-DD] [--clets]
                                                 [--designee] [--classification JOB]
                           bin/platewatch user token --username U [--name LABEL]
                      Roles: officer, investigator, supervisor, administrator, auditor.
                      'user add' prints the one-time password, once; the member enrols their own second factor
                      at first sign-in, on the console's change-password page.""");
            return 0;
        }
        return switch (sub) {
            case "add" -> userAdd(rest, out);
            case "token" -> userToken(rest, out);
            default -> throw new UsageException("usage: user add|token ... (see --help)");
        };
    }

    private static int userAdd(List<String> args, PrintStream out) {
        CommandOptions o = CommandOptions.parse(
                args,
                union(DATA_DIR, Set.of("username", "role", "full-name", "training-date", "classification")),
                Set.of("clets", "designee"));
        Role role = Role.parse(o.required("role"))
                .orElseThrow(() -> new UsageException(
                        "option --role must be one of officer, investigator, supervisor, administrator, auditor"));
        LocalDate trained = o.get("training-date")
                .map(d -> {
                    try {
                        return LocalDate.parse(d);
                    } catch (DateTimeParseException e) {
                        throw new UsageException("option --training-date must be a date like 2026-11-28");
                    }
                })
                .orElse(null);
        String username = o.required("username");
        UserAccounts.NewUser user = new UserAccounts.NewUser(
                username,
                o.get("full-name").orElse(username),
                role,
                o.flag("clets"),
                trained,
                o.flag("designee"),
                o.get("classification").orElse(null));
        UserAccounts.NewAccount created =
                withContext(o, ctx -> ctx.getBean(UserAccounts.class).createWithCredentials(user, Actor.commandLine()));
        out.println("Created " + role.title().toLowerCase(Locale.ROOT) + " account '" + username + "'.");
        out.println("One-time password (must be changed at first sign-in): " + created.oneTimePassword());
        out.println("Second factor: the member enrols it at first sign-in (the console shows it to them alone).");
        if (trained == null) {
            out.println("No training record: the account cannot search or act on alerts until training is recorded.");
        }
        return 0;
    }

    private static int userToken(List<String> args, PrintStream out) {
        CommandOptions o = CommandOptions.parse(args, union(DATA_DIR, Set.of("username", "name")), Set.of());
        PersonalTokens.IssuedToken token = withContext(
                o,
                ctx -> ctx.getBean(PersonalTokens.class)
                        .issue(o.required("username"), o.get("name").orElse("command line"), Actor.commandLine()));
        out.println("API token for '" + o.required("username") + "' (shown once; expires " + token.expiresAt() + "):");
        out.println(token.token());
        return 0;
    }

    private static int audit(List<String> args, PrintStream out) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: bin/platewatch audit verify [--data-dir DIR]
                           bin/platewatch audit anchor [--data-dir DIR]
                      verify: walks the hash chain of the access log. Prints "audit chain intact: N records, head HASH",
                        then holds the log to the newest signed anchor (signature, the anchored record and its hash, no
                        fewer records). Exits 0 when both hold, else names what is missing or rewritten and exits 1.
                      anchor: signs the chain head (last id, count, hash, time) and appends it to the anchor file
                        (the server also does this hourly and at shutdown). Refused, exit 1, when the log no longer
                        holds the newest anchor.""");
            return 0;
        }
        String sub = args.isEmpty() ? "" : args.get(0);
        if (!sub.equals("verify") && !sub.equals("anchor")) {
            throw new UsageException("usage: audit verify|anchor [--data-dir DIR]");
        }
        CommandOptions o = CommandOptions.parse(args.subList(1, args.size()), DATA_DIR, Set.of());
        requireExistingDatabase(o);
        if (sub.equals("anchor")) {
            return withContext(o, ctx -> {
                try {
                    AuditAnchor a = ctx.getBean(AuditAnchors.class).anchor();
                    out.println("audit anchor written: record " + a.lastId() + ", " + a.records() + " records, head "
                            + a.hash() + ", signed by key " + a.keyId());
                    return 0;
                } catch (AuditAnchors.AnchorRefused e) {
                    out.println(e.getMessage());
                    return 1;
                }
            });
        }
        return withContext(o, ctx -> {
            AuditChain.Verification chain = ctx.getBean(AuditChain.class).verify();
            AuditAnchors.AnchorCheck anchor = ctx.getBean(AuditAnchors.class).checkNewest();
            out.println(chain.describe());
            out.println(anchor.describe());
            return chain.intact() && anchor.holds() ? 0 : 1;
        });
    }

    /**
     * The audit commands read a department's log: pointed at a data directory that holds no database
     * (a mistyped {@code --data-dir}), they would start a fresh, empty one and call its chain intact.
     */
    private static void requireExistingDatabase(CommandOptions o) {
        String external = System.getenv("PLATEWATCH_DB_URL");
        if (external != null && !external.isBlank()) {
            return;
        }
        java.nio.file.Path dataDir = java.nio.file.Path.of(o.get("data-dir").orElse("./data"));
        if (!java.nio.file.Files.isDirectory(dataDir.resolve("postgres"))) {
            throw new UsageException("no Platewatch database in " + dataDir.toAbsolutePath()
                    + " (is --data-dir right?): nothing to verify or anchor");
        }
    }

    /** Starts the application without a web server, runs one action, and closes it. */
    private static <T> T withContext(CommandOptions o, Function<ConfigurableApplicationContext, T> action) {
        List<String> springArgs = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.org.platewatch=WARN"));
        o.get("data-dir").ifPresent(d -> springArgs.add("--platewatch.data-dir=" + d));
        SpringApplication app = new SpringApplication(PlatewatchApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        try (ConfigurableApplicationContext ctx = app.run(springArgs.toArray(String[]::new))) {
            return action.apply(ctx);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
