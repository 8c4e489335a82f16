package org.platewatch.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's settings, from its command line (and the token from {@code PLATEWATCH_EDGE_TOKEN}, so that
 * it need not show in the process list). Every setting has its default here.
 */
record EdgeOptions(
        URI server,
        String token,
        String source,
        Path dataDir,
        Path keyFile,
        String hotlistKey,
        int alertPort,
        Duration snapshotInterval,
        Duration poll,
        Duration settle,
        Duration hotlistRefresh,
        Duration hotlistStaleAfter,
        Duration maxTransferInterval,
        double warnFraction,
        Duration backlogReport,
        Duration retryInitial,
        Duration retryMax,
        int batch,
        double minConfidence,
        ZoneId cameraZone,
        Duration cameraWait,
        Duration clockTolerance,
        String gps,
        Duration gpsMaxAge) {

    static final String HELP = """
            Usage: bin/platewatch edge [check] --server URL --token DEVICE_TOKEN --source DIR|URL [options]
              edge         run the agent: read plates from the source, journal, match, alert, upload
              edge check   the shift-start check: a pass/fail line per item, exit 1 on any failure,
                           the result recorded on the server
              edge bench   reads/s through the agent and upload throughput (see docs/benchmarks.md)
            Required:
              --server URL            the Platewatch server, e.g. https://alpr.example.gov
              --token TOKEN           the device token (or PLATEWATCH_EDGE_TOKEN)
              --source DIR|URL        a directory the camera writes JPEGs into, or an http(s) snapshot URL
            Options:
              --data-dir DIR          journal, hot-list copy, keys (default ./edge-data)
              --key-file FILE         the journal key (default DATA_DIR/journal.key, created on first use;
                                      PLATEWATCH_EDGE_JOURNAL_KEY, Base64 of 32 bytes, wins when set)
              --hotlist-key BASE64    the server's hot-list export key (default: pinned on first contact)
              --alert-port N          the local alert page on 127.0.0.1 (default 8089; 0 any free port; -1 none)
              --snapshot-interval D   how often a snapshot URL is fetched (default 2s)
              --settle D              a file is taken once unchanged this long (default 1s)
              --hotlist-refresh D     how often the hot-list copy is refreshed (default 5m)
              --hotlist-stale-after D the copy is stale when the server has not confirmed it this long (default 1h)
              --max-transfer-interval D  the department's limit (default: from the server)
              --warn-at F             warn when the oldest unsent read reaches F of that limit (default 0.5)
              --batch N               reads per upload (default 200)
              --min-confidence X      a read below this is not journalled (default 0.5)
              --camera-zone ZONE      the zone of the camera's EXIF clock (default: the system's)
              --camera-wait D         edge check: how long to wait for an image (default 30s)
              --gps tcp://HOST:PORT|DEVICE  a GPS receiver's NMEA sentences (RMC), for images without a position
                                      of their own (a serial DEVICE is read as it is: set its speed with stty)
              --gps-max-age D         a fix older than this is not used (default 5s)
            Durations: 500ms, 30s, 5m, 1h, 30d or ISO-8601 (PT5M).
            """;

    /** A bad command line: one line for the user, exit status 2. */
    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static EdgeOptions parse(String[] args, Map<String, String> env) {
        java.util.HashMap<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "' (try --help)");
            }
            String name = a.substring(2);
            if (!KNOWN.contains(name)) {
                throw new UsageException("unknown option '" + a + "' (try --help)");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a + " needs a value");
            }
            o.put(name, args[++i]);
        }
        String token = o.getOrDefault("token", env.get("PLATEWATCH_EDGE_TOKEN"));
        if (!o.containsKey("server")) {
            throw new UsageException("--server URL is required (try --help)");
        }
        if (token == null || token.isBlank()) {
            throw new UsageException("--token DEVICE_TOKEN (or PLATEWATCH_EDGE_TOKEN) is required");
        }
        if (!o.containsKey("source")) {
            throw new UsageException("--source DIR|URL is required (try --help)");
        }
        Path dataDir = Path.of(o.getOrDefault("data-dir", "edge-data"));
        return new EdgeOptions(
                url(o.get("server"), "--server"),
                token.trim(),
                o.get("source"),
                dataDir,
                o.containsKey("key-file") ? Path.of(o.get("key-file")) : dataDir.resolve("journal.key"),
                o.get("hotlist-key"),
                integer(o.getOrDefault("alert-port", "8089"), "--alert-port", -1, 65535),
                duration(o.getOrDefault("snapshot-interval", "2s"), "--snapshot-interval"),
                duration(o.getOrDefault("poll", "250ms"), "--poll"),
                duration(o.getOrDefault("settle", "1s"), "--settle"),
                duration(o.getOrDefault("hotlist-refresh", "5m"), "--hotlist-refresh"),
                duration(o.getOrDefault("hotlist-stale-after", "1h"), "--hotlist-stale-after"),
                o.containsKey("max-transfer-interval")
                        ? duration(o.get("max-transfer-interval"), "--max-transfer-interval")
                        : null,
                fraction(o.getOrDefault("warn-at", "0.5"), "--warn-at"),
                duration(o.getOrDefault("backlog-report", "1m"), "--backlog-report"),
                duration(o.getOrDefault("retry-initial", "1s"), "--retry-initial"),
                duration(o.getOrDefault("retry-max", "5m"), "--retry-max"),
                integer(o.getOrDefault("batch", "200"), "--batch", 1, 1000),
                fraction(o.getOrDefault("min-confidence", "0.5"), "--min-confidence"),
                zone(o.get("camera-zone")),
                duration(o.getOrDefault("camera-wait", "30s"), "--camera-wait"),
                duration(o.getOrDefault("clock-tolerance", "2m"), "--clock-tolerance"),
                gps(o.get("gps")),
                duration(o.getOrDefault("gps-max-age", "5s"), "--gps-max-age"));
    }

    private static String gps(String value) {
        if (value == null) {
            return null;
        }
        if (value.startsWith("tcp://")) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || uri.getPort() < 1) {
                throw new UsageException("--gps: '" + value + "' is not tcp://HOST:PORT");
            }
            return value;
        }
        if (value.isBlank() || value.contains("://")) {
            throw new UsageException("--gps: '" + value + "' is neither tcp://HOST:PORT nor a serial device path");
        }
        return value;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "gps",
            "gps-max-age",
            "server",
            "token",
            "source",
            "data-dir",
            "key-file",
            "hotlist-key",
            "alert-port",
            "snapshot-interval",
            "poll",
            "settle",
            "hotlist-refresh",
            "hotlist-stale-after",
            "max-transfer-interval",
            "warn-at",
            "backlog-report",
            "retry-initial",
            "retry-max",
            "batch",
            "min-confidence",
            "camera-zone",
            "camera-wait",
            "clock-tolerance");

    /** True when the source is a snapshot URL rather than a directory. */
    boolean snapshotSource() {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    static Duration duration(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), option);
            }
            int unitAt = 0;
            while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) {
                unitAt++;
            }
            long n = Long.parseLong(t.substring(0, unitAt));
            Duration d = switch (t.substring(unitAt)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new UsageException(option + ": '" + text + "' is not a duration (30s, 5m, 1h, 30d)");
            };
            return positive(d, option);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException(option + ": '" + text + "' is not a duration (30s, 5m, 1h, 30d)");
        }
    }

    private static Duration positive(Duration d, String option) {
        if (d.isNegative() || d.isZero()) {
            throw new UsageException(option + " must be longer than zero");
        }
        return d;
    }

    private static URI url(String text, String option) {
        try {
            URI u = new URI(text.endsWith("/") ? text : text + "/");
            if ((!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) || u.getHost() == null) {
                throw new UsageException(option + ": '" + text + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException(option + ": '" + text + "' is not a URL");
        }
    }

    private static int integer(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is not a whole number");
        }
    }

    private static double fraction(String text, String option) {
        try {
            double d = Double.parseDouble(text.trim());
            if (!(d > 0 && d <= 1)) {
                throw new UsageException(option + " must be above 0 and at most 1");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is not a number");
        }
    }

    private static ZoneId zone(String text) {
        if (text == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new UsageException("--camera-zone: '" + text + "' is not a time zone (America/Los_Angeles)");
        }
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "EdgeOptions[server=" + server + ", source=" + source + ", dataDir=" + dataDir + "]";
    }
}
