package org.platewatch.server.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.platform.Ed25519KeyFile;
import org.platewatch.server.platform.PlatewatchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Anchors the audit chain outside the database. The hash chain alone shows a record that was
 * changed, but not a log cut at its tail or rewritten, hashes and all, from some record on: only
 * a head remembered elsewhere does. So the head is signed with a key kept outside the database
 * and appended to the anchor file (hourly, at shutdown, and on {@code bin/platewatch audit anchor}),
 * and {@code audit verify} holds the log to the newest anchor.
 *
 * <p>An anchor is written only when the log still holds the newest one: otherwise the next hourly
 * anchor would quietly accept a cut tail as the new truth.
 */
@Service
public class AuditAnchors {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    /** The signed lines, for an operator to route to syslog or a collector off this machine. */
    private static final Logger anchorLog = LoggerFactory.getLogger("platewatch.audit.anchor");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditAnchorProperties settings;
    private final AnchorFile file;
    private final java.nio.file.Path keyFile;
    private Ed25519KeyFile key;

    private final AuditLogRetention retention;

    AuditAnchors(
            JdbcClient jdbc,
            Clock clock,
            AuditAnchorProperties settings,
            PlatewatchProperties platform,
            AuditLogRetention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
        this.settings = settings;
        this.file = new AnchorFile(settings.fileIn(platform.dataDir()));
        this.keyFile = settings.keyFileIn(platform.dataDir());
    }

    /** Signs the current head and appends it; refused (IllegalStateException) when the log no longer holds the newest anchor. */
    public synchronized AuditAnchor anchor() {
        AnchorCheck check = checkNewest();
        if (!check.holds()) {
            throw new AnchorRefused("refusing to anchor the audit chain: " + String.join("; ", check.problems()));
        }
        Head head = jdbc.sql("""
                        SELECT id, hash, (SELECT count(*) FROM audit_events) AS n
                        FROM audit_events ORDER BY id DESC LIMIT 1
                        """)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getString("hash"), rs.getLong("n")))
                .optional()
                .orElse(new Head(0, AuditLog.GENESIS, 0));
        java.time.Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String signature = key().sign(AuditAnchor.signedText(head.lastId(), head.records(), head.hash(), at));
        AuditAnchor anchor = new AuditAnchor(head.lastId(), head.records(), head.hash(), at, key().keyId(), signature);
        String line = anchor.toJsonLine();
        file.append(line);
        if (settings.log()) {
            anchorLog.info(line);
        }
        log.info(
                "Anchored the audit chain at record {} ({} records) in {}", head.lastId(), head.records(), file.path());
        return anchor;
    }

    /** Holds the log to the newest anchor: its signature, its record still there with its hash, no fewer records. */
    public AnchorCheck checkNewest() {
        Optional<AnchorFile.NumberedLine> newest = file.newest();
        if (newest.isEmpty()) {
            return new AnchorCheck(file.path().toString(), Optional.empty(), List.of());
        }
        String where = file.path() + " line " + newest.get().number();
        AuditAnchor anchor;
        try {
            anchor = AuditAnchor.fromJsonLine(newest.get().text());
        } catch (IllegalArgumentException e) {
            return new AnchorCheck(
                    where,
                    Optional.empty(),
                    List.of("the newest anchor (" + where + ") cannot be read: " + e.getMessage()));
        }
        if (!key().verify(anchor.signedText(), anchor.signature())) {
            return new AnchorCheck(
                    where,
                    Optional.of(anchor),
                    List.of("the newest anchor (" + where + ", anchored at "
                            + anchor.anchoredAt()
                            + ") has an invalid signature: the anchor file was altered, or the line was "
                            + "not signed with the key in " + keyFile));
        }
        return new AnchorCheck(where, Optional.of(anchor), problems(anchor));
    }

    /** The newest anchor with what a third party needs to check it, for the transparency page. */
    public Optional<SignedHead> latest() {
        return checkNewest()
                .anchor()
                .map(a -> new SignedHead(
                        a, a.signedText(), key().publicKey(), key().verify(a.signedText(), a.signature())));
    }

    /**
     * The last anchor of each of the latest {@code days} local days that have one, newest first, each with its
     * signed text, the public key and whether its signature checks: the daily signed chain heads the transparency
     * page publishes, so that anyone can later hold the log to them. A line that cannot be read is left out.
     */
    public List<SignedHead> dailyHeads(java.time.ZoneId zone, int days) {
        java.util.TreeMap<java.time.LocalDate, AuditAnchor> lastOfDay = new java.util.TreeMap<>();
        for (String line : file.lines()) {
            try {
                AuditAnchor a = AuditAnchor.fromJsonLine(line);
                lastOfDay.merge(
                        java.time.LocalDate.ofInstant(a.anchoredAt(), zone),
                        a,
                        (x, y) -> y.anchoredAt().isAfter(x.anchoredAt()) ? y : x);
            } catch (IllegalArgumentException e) {
                // audit verify reports a damaged newest line; an older one is not a day's head
            }
        }
        return lastOfDay.descendingMap().values().stream()
                .limit(days)
                .map(a -> new SignedHead(
                        a, a.signedText(), key().publicKey(), key().verify(a.signedText(), a.signature())))
                .toList();
    }

    /**
     * Signs {@code text} with the department's key: for what leaves the department and must be shown unaltered
     * later (an evidence package's manifest). The key is the anchors' own, so there is one key to publish.
     */
    public DepartmentSignature sign(String text) {
        return new DepartmentSignature("Ed25519", key().publicKey(), key().keyId(), key().sign(text));
    }

    private List<String> problems(AuditAnchor anchor) {
        List<String> problems = new ArrayList<>();
        String when = "anchored at " + anchor.anchoredAt();
        // Records the audit-log retention purged count as held: the database recorded how many, and verify
        // holds the first remaining record to the hash of the last one removed.
        AuditLogRetention.ChainStart start = retention.chainStart();
        if (start.throughId() > 0 && anchor.lastId() <= start.throughId()) {
            // The newest anchor is older than the retention: the purge removed what it covered, so it proves
            // nothing about the records kept (anchors are written hourly; this needs a year without one).
            return problems;
        }
        if (anchor.lastId() > 0) {
            Optional<String> stored = jdbc.sql("SELECT hash FROM audit_events WHERE id = ?")
                    .param(anchor.lastId())
                    .query(String.class)
                    .optional();
            if (stored.isEmpty()) {
                problems.add("record " + anchor.lastId() + " (" + when + " as the newest) is missing: the log was cut");
            } else if (!stored.get().equals(anchor.hash())) {
                problems.add("record " + anchor.lastId() + " hashes to " + stored.get() + " but was " + when + " with "
                        + anchor.hash() + ": the log was rewritten up to that record");
            }
        }
        Counts counts = jdbc.sql("SELECT count(*) FILTER (WHERE id <= ?) AS upto, count(*) AS total FROM audit_events")
                .param(anchor.lastId())
                .query((rs, n) -> new Counts(
                        rs.getLong("upto") + start.recordsRemoved(), rs.getLong("total") + start.recordsRemoved()))
                .single();
        if (counts.upTo() < anchor.records()) {
            problems.add((anchor.records() - counts.upTo()) + " of the " + anchor.records() + " records up to record "
                    + anchor.lastId() + " " + when + " are missing (the log holds " + counts.upTo() + " of them)");
        } else if (counts.upTo() > anchor.records()) {
            problems.add((counts.upTo() - anchor.records()) + " records up to record " + anchor.lastId()
                    + " were added after it was " + when);
        }
        if (counts.total() < anchor.records()) {
            problems.add(
                    "the log holds " + counts.total() + " records, fewer than the " + anchor.records() + " " + when);
        }
        return problems;
    }

    private synchronized Ed25519KeyFile key() {
        if (key == null) {
            key = Ed25519KeyFile.loadOrCreate(keyFile, "audit anchor");
        }
        return key;
    }

    /** The outcome of holding the log to its newest anchor: holds when there are no problems. */
    public record AnchorCheck(String where, Optional<AuditAnchor> anchor, List<String> problems) {
        public boolean holds() {
            return problems.isEmpty();
        }

        /** One line for people: what {@code audit verify} prints. */
        public String describe() {
            if (!holds()) {
                return "audit anchor NOT MET: " + String.join("; ", problems);
            }
            return anchor.map(a -> "audit anchor holds: record " + a.lastId() + ", " + a.records() + " records, head "
                            + a.hash() + ", anchored at " + a.anchoredAt() + " (" + where + ")")
                    .orElse("no audit anchor yet (" + where + "): a cut at the tail cannot be detected until one is "
                            + "written (bin/platewatch audit anchor)");
        }
    }

    /** The newest anchor, the exact text its signature covers, and the public key to check it with. */
    public record SignedHead(AuditAnchor anchor, String signedText, String publicKey, boolean signatureValid) {}

    /** Writing an anchor was refused: the log does not hold the newest one. */
    public static final class AnchorRefused extends IllegalStateException {
        AnchorRefused(String message) {
            super(message);
        }
    }

    private record Head(long lastId, String hash, long records) {}

    private record Counts(long upTo, long total) {}
}
