package org.platewatch.server.hotlist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Importing hot-list files. An import is parsed whole before anything is written; a file that
 * fails to parse or whose trailer disagrees is rejected with its line number and the list in force
 * stays as it was. An accepted file replaces the list's entries in one transaction, and the
 * matcher swaps in a new index after the commit.
 */
@Service
public class HotlistImports {

    private static final Logger log = LoggerFactory.getLogger(HotlistImports.class);

    private final HotlistStore store;
    private final HotlistMatcher matcher;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HotlistProperties properties;

    HotlistImports(
            HotlistStore store,
            HotlistMatcher matcher,
            AuditLog audit,
            DepartmentProfile profile,
            TransactionTemplate tx,
            Clock clock,
            HotlistProperties properties) {
        this.store = store;
        this.matcher = matcher;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** Imports a file for the list without confirming a large shrink: the scheduled fetch, the demo. */
    public ImportReport importFile(long listId, byte[] content, Actor by) {
        return importFile(listId, content, by, false);
    }

    /**
     * Imports a file for the list: all of it or none of it. A file with no records is refused (a CSV file
     * has no trailer, so an empty or cut-short download looks like a short list), and so is one that
     * shrinks the list in force by more than {@code platewatch.hotlist.max-shrink} unless
     * {@code confirmShrink} (an administrator uploading by hand says the shrink is real).
     *
     * @throws ProblemException {@code hotlist-file-rejected} naming the line, when the file is refused
     */
    public ImportReport importFile(long listId, byte[] content, Actor by, boolean confirmShrink) {
        Hotlist list = store.list(listId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No hot list " + listId));
        if (!list.external()) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "id",
                    "The custom list takes entries through /api/v1/hotlists/custom/entries, not files");
        }
        Instant now = clock.instant();
        String sha = sha256(content);
        ParsedList parsed;
        try {
            parsed = parse(list, content);
            if (parsed.recordsInFile() == 0) {
                throw new HotlistFileException(
                        0,
                        "the file holds no records; an empty list is never loaded, "
                                + "because a cut-short download would look the same");
            }
        } catch (HotlistFileException e) {
            throw reject(listId, now, sha, by, e, HotlistProblems.FILE_REJECTED);
        }
        Instant asOf = parsed.asOf() != null ? parsed.asOf() : now;
        ImportReport report;
        try {
            report = tx.execute(status -> {
                store.lockList(listId);
                long inForce = store.list(listId).map(Hotlist::entries).orElse(0L);
                if (!confirmShrink && shrinksTooMuch(inForce, parsed.records().size())) {
                    throw new ShrinkRefused(inForce, parsed.records().size());
                }
                long importId = store.insertImport(
                        listId,
                        now,
                        "ACCEPTED",
                        parsed.recordsInFile(),
                        parsed.records().size(),
                        parsed.droppedImmigration(),
                        null,
                        null,
                        sha,
                        by.username());
                store.replaceEntries(listId, importId, parsed.records());
                store.markLoaded(listId, asOf, now);
                audit.record(
                        by,
                        AuditEvent.of("hotlist.imported", "hotlist:" + listId)
                                .withTerms("import=" + importId + ", records=" + parsed.recordsInFile() + ", loaded="
                                        + parsed.records().size() + ", droppedImmigration="
                                        + parsed.droppedImmigration()
                                        + ", asOf=" + asOf + ", sha256=" + sha + ", inForceBefore=" + inForce
                                        + (confirmShrink ? ", confirmShrink=true" : "")));
                return new ImportReport(
                        importId,
                        listId,
                        parsed.recordsInFile(),
                        parsed.records().size(),
                        parsed.droppedImmigration(),
                        asOf);
            });
        } catch (ShrinkRefused e) {
            throw reject(
                    listId,
                    now,
                    sha,
                    by,
                    new HotlistFileException(
                            0,
                            "the file would shrink the list from "
                                    + e.inForce + " to " + e.loaded + " entries, more than the allowed share of "
                                    + properties.maxShrink()
                                    + "; an administrator who knows the shrink is real uploads it with "
                                    + "confirmShrink=true"),
                    HotlistProblems.SHRINK_UNCONFIRMED);
        } catch (DataAccessException e) {
            // The message may quote a record's values: log the class only.
            log.warn(
                    "Import into hot list {} refused by the database ({}); the previous list stays in force",
                    listId,
                    e.getClass().getSimpleName());
            throw reject(
                    listId,
                    now,
                    sha,
                    by,
                    new HotlistFileException(
                            0,
                            "the database refused the file's records ("
                                    + e.getClass().getSimpleName() + ")"),
                    HotlistProblems.FILE_REJECTED);
        }
        matcher.rebuild();
        log.info(
                "Hot list {} imported ({}): {} loaded, {} immigration records dropped",
                listId,
                report.importId(),
                report.loaded(),
                report.droppedImmigration());
        return report;
    }

    private boolean shrinksTooMuch(long inForce, long loaded) {
        return inForce > 0 && loaded < inForce && (double) (inForce - loaded) / inForce > properties.maxShrink();
    }

    /** Records the refused import (REJECTED row, lastError, audit) and returns the problem to throw. */
    private ProblemException reject(
            long listId, Instant now, String sha, Actor by, HotlistFileException e, ProblemType type) {
        tx.executeWithoutResult(status -> {
            store.insertImport(
                    listId, now, "REJECTED", 0, 0, 0, e.line() > 0 ? e.line() : null, e.reason(), sha, by.username());
            store.markError(listId, "import rejected: " + e.getMessage());
            audit.record(
                    by,
                    AuditEvent.of("hotlist.import-rejected", "hotlist:" + listId)
                            .withTerms("line=" + e.line() + ", reason=" + e.reason()));
        });
        log.warn("Import into hot list {} rejected at line {}; the previous list stays in force", listId, e.line());
        return new ProblemException(
                type,
                e.line() > 0 ? "line " + e.line() : "file",
                e.getMessage() + "; the file was rejected whole and the previous list stays in force");
    }

    /** Thrown inside the import transaction to roll it back when the file shrinks the list too much. */
    private static final class ShrinkRefused extends RuntimeException {
        final long inForce;
        final long loaded;

        ShrinkRefused(long inForce, long loaded) {
            super(null, null, false, false);
            this.inForce = inForce;
            this.loaded = loaded;
        }
    }

    /** Records a download that failed before there was a file to import; the list in force stays. */
    void recordFetchFailure(long listId, String reason) {
        tx.executeWithoutResult(status -> {
            store.markError(listId, "download failed: " + reason);
            audit.record(
                    Actor.SYSTEM,
                    AuditEvent.of("hotlist.fetch-failed", "hotlist:" + listId).withTerms("reason=" + reason));
        });
    }

    private ParsedList parse(Hotlist list, byte[] content) {
        HotlistFormat format = HotlistFormat.valueOf(list.format());
        return switch (format) {
            case CA_DOJ -> CaDojFileParser.parse(content, dojReason(list.code()), profile.zone());
            case CSV ->
                CsvListParser.parse(content, new ColumnMapping(list.columnMapping()), list.name(), profile.zone());
            case CUSTOM -> throw new IllegalStateException("custom lists have no files");
        };
    }

    static String dojReason(String code) {
        if (code.startsWith("svs")) {
            return "Stolen vehicle (CA DOJ SVS)";
        }
        if (code.startsWith("slr")) {
            return "Stolen licence plate (CA DOJ SLR)";
        }
        if (code.startsWith("sfr")) {
            return "CA DOJ SFR record";
        }
        return "CA DOJ stolen-vehicle file " + code;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
