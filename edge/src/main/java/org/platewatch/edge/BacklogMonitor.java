package org.platewatch.edge;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * How many reads wait on the unit and how old the oldest is: printed in the terminal while any wait, a
 * warning once the oldest reaches {@code warnFraction} of the department's maximum transfer interval (half,
 * by default: days before the limit, not at it), and reported to the server for the cameras page.
 */
final class BacklogMonitor {

    private static final Logger log = Logger.getLogger(BacklogMonitor.class.getName());

    private final Journal journal;
    private final Clock clock;
    private final PrintStream terminal;
    private final Supplier<Duration> maxTransferInterval;
    private final double warnFraction;

    BacklogMonitor(
            Journal journal,
            Clock clock,
            PrintStream terminal,
            Supplier<Duration> maxTransferInterval,
            double warnFraction) {
        this.journal = journal;
        this.clock = clock;
        this.terminal = terminal;
        this.maxTransferInterval = maxTransferInterval;
        this.warnFraction = warnFraction;
    }

    /**
     * The backlog now.
     *
     * @param oldestAge null when nothing waits
     * @param warning   true when the oldest unsent read is past the warning point
     */
    record Report(Journal.Backlog backlog, Duration oldestAge, Duration limit, boolean warning) {}

    Report report() {
        Journal.Backlog b = journal.backlog();
        Instant now = clock.instant();
        Duration age = b.oldest() == null ? null : Duration.between(b.oldest(), now);
        Duration limit = maxTransferInterval.get();
        boolean warn = age != null && limit != null && age.toMillis() >= (long) (limit.toMillis() * warnFraction);
        return new Report(b, age, limit, warn);
    }

    /** Prints the backlog when anything waits, and the warning when due. */
    Report print() {
        Report r = report();
        if (r.backlog().unsent() > 0 || r.backlog().refused() > 0) {
            terminal.println("backlog: " + r.backlog().waiting() + " reads and "
                    + r.backlog().imagesWaiting()
                    + " images wait" + (r.oldestAge() == null ? "" : ", the oldest since " + human(r.oldestAge()))
                    + (r.backlog().refused() > 0 ? "; " + r.backlog().refused() + " refused by the server" : ""));
        }
        if (r.warning()) {
            String line = "WARNING: the oldest unsent read is " + human(r.oldestAge()) + " old; the department allows "
                    + human(r.limit()) + " between transfers. Bring the unit within reach of the server.";
            terminal.println(line);
            log.warning("Backlog: oldest unsent read " + human(r.oldestAge()) + " old, limit " + human(r.limit()));
        }
        terminal.flush();
        return r;
    }

    static String human(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.equals(Duration.ofHours(1))) {
            return "1 hour";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes";
        }
        return Math.max(0, d.toSeconds()) + " seconds";
    }
}
