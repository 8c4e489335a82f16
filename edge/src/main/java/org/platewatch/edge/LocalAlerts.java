package org.platewatch.edge;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.platewatch.plate.hotlist.HotlistMatch;

/**
 * Alerts raised on the unit, at once and without the server: a line in the terminal (list, reason, how it
 * matched and the read id, no plate: the terminal may be logged), and the local page
 * ({@link AlertPage}), which shows the plate to the officer and sounds. The server raises its own alert
 * from the same read with the same matcher when the read arrives; the agent sends hits first.
 */
final class LocalAlerts {

    private static final Logger log = Logger.getLogger(LocalAlerts.class.getName());
    private static final int KEPT = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream terminal;
    private final ZoneId zone;
    private final Deque<LocalAlert> recent = new ArrayDeque<>();
    private long sequence;
    private String pageAddress = "";

    LocalAlerts(PrintStream terminal, ZoneId zone) {
        this.terminal = terminal;
        this.zone = zone;
    }

    void pageAt(String address) {
        this.pageAddress = address;
    }

    synchronized LocalAlert raise(
            UUID readId, java.time.Instant capturedAt, String plate, String state, HotlistMatch m) {
        LocalAlert a = new LocalAlert(++sequence, readId, capturedAt, plate, state, m);
        recent.addFirst(a);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        terminal.println("\u0007*** HOT-LIST HIT  list " + m.entry().listCode() + "  reason "
                + m.entry().reasonCode()
                + "  match " + m.kind() + (m.isPlainHit() ? "" : " (verify)") + "  at "
                + TIME.format(capturedAt.atZone(zone)) + "  read " + readId
                + (pageAddress.isEmpty() ? "" : "  see " + pageAddress));
        terminal.flush();
        log.info("Local alert " + a.sequence() + ": read " + readId + " matched entry "
                + m.entry().id());
        notifyAll();
        return a;
    }

    /** The alerts after {@code sequence}, newest first. */
    synchronized List<LocalAlert> after(long afterSequence) {
        List<LocalAlert> out = new ArrayList<>();
        for (LocalAlert a : recent) {
            if (a.sequence() > afterSequence) {
                out.add(a);
            }
        }
        return out;
    }

    synchronized List<LocalAlert> all() {
        return List.copyOf(recent);
    }
}
