package org.platewatch.server.hotlist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.platewatch.plate.PlateText;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.DepartmentProfile.HotlistSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Designating hot lists and importing their files. An import is parsed whole before anything is
 * written; a file that fails to parse or whose trailer disagrees is rejected with its line number
 * and the list in force stays as it was. An accepted file replaces the list's entries in one
 * transaction, and the matcher swaps in a new index after the commit.
 */
@Service
public class Hotlists {

    private static final Logger log = LoggerFactory.getLogger(Hotlists.class);
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    static final String CUSTOM_CODE = "custom";

    private final HotlistStore store;
    private final HotlistMatcher matcher;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HotlistProperties properties;

    Hotlists(HotlistStore store, HotlistMatcher matcher, AuditLog audit, DepartmentProfile profile,
            TransactionTemplate tx, Clock clock, HotlistProperties properties) {
        this.properties = properties;
        this.store = store;
        this.matcher = matcher;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * What an administrator gives to designate a list.
     *
     * @param format         {@code CA_DOJ} or {@code CSV} (custom entries have their own list)
     * @param location       an http(s) URL, a file or a directory to fetch from on schedule; null for upload only
     * @param columnMapping  CSV only: field to header name, see {@link ColumnMapping}
     */
    public record NewHotlist(String code, String name, HotlistSource sourceKind, String format, String location,
            Map<String, String> columnMapping) {
    }

    public List<Hotlist> all() {
        return store.lists();
    }

    public Optional<Hotlist> find(long id) {
        return store.list(id);
    }

    public Optional<HotlistEntryView> entry(long id) {
        return store.entry(id);
    }

    /** Designates a list; only the profile's allowed source kinds, never an immigration list. */
    public Hotlist designate(NewHotlist request, Actor by) {
        String code = request.code() == null ? null : request.code().trim().toLowerCase(Locale.ROOT);
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.invalid("code", "1-32 lower-case letters, digits, '-' or '_'");
        }
        if (CUSTOM_CODE.equals(code)) {
            throw ProblemException.invalid("code", "'custom' is the department's own list; add entries to it with "
                    + "POST /api/v1/hotlists/custom/entries");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (request.sourceKind() == null) {
            throw ProblemException.invalid("sourceKind", "is required; one of " + List.of(HotlistSource.values()));
        }
        if (ImmigrationCategory.any(code, request.name())) {
            throw new ProblemException(HotlistProblems.IMMIGRATION_LIST_FORBIDDEN, "name",
                    "No hot list of an immigration category can be designated (California Values Act, "
                            + "Gov. Code § 7284.6)");
        }
        if (!profile.hotlists().allows(request.sourceKind())) {
            throw new ProblemException(HotlistProblems.SOURCE_NOT_ALLOWED, "sourceKind",
                    "sourceKind: the " + profile.departmentName() + " policy allows only "
                            + profile.hotlists().allowedSources());
        }
        HotlistFormat format = parseFormat(request.format());
        ColumnMapping mapping;
        try {
            mapping = new ColumnMapping(request.columnMapping());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("columnMapping", e.getMessage().replace("columnMapping: ", ""));
        }
        if (format != HotlistFormat.CSV && !mapping.columns().isEmpty()) {
            throw ProblemException.invalid("columnMapping", "applies to CSV lists only");
        }
        String location = blankToNull(request.location());
        if (location != null && !(location.startsWith("http://") || location.startsWith("https://")
                || location.startsWith("/"))) {
            throw ProblemException.invalid("location", "an http(s) URL or an absolute file or directory path");
        }
        return tx.execute(status -> {
            if (store.listByCode(code).isPresent()) {
                throw new ProblemException(ProblemType.CONFLICT, "code", "code: a list '" + code + "' exists");
            }
            long id = store.insertList(code, request.name().trim(), request.sourceKind(), format, location,
                    mapping.columns(), by.username(), clock.instant());
            audit.record(by, AuditEvent.of("hotlist.designated", "hotlist:" + id)
                    .withTerms("code=" + code + ", source=" + request.sourceKind() + ", format=" + format
                            + (location == null ? "" : ", location=" + SecretMasking.mask(location))));
            return store.list(id).orElseThrow();
        });
    }

    /** The department's own list, created on first use where the profile allows department entries. */
    Hotlist customList() {
        return store.listByCode(CUSTOM_CODE).orElseGet(() -> {
            if (!profile.hotlists().allows(HotlistSource.DEPARTMENT_BOLO)) {
                throw new ProblemException(HotlistProblems.SOURCE_NOT_ALLOWED, null,
                        "The " + profile.departmentName() + " policy allows no department entries");
            }
            long id = store.insertList(CUSTOM_CODE, "Department BOLO (custom entries)", HotlistSource.DEPARTMENT_BOLO,
                    HotlistFormat.CUSTOM, null, Map.of(), Actor.SYSTEM.username(), clock.instant());
            audit.record(Actor.SYSTEM, AuditEvent.of("hotlist.designated", "hotlist:" + id)
                    .withTerms("code=custom, source=DEPARTMENT_BOLO, format=CUSTOM"));
            return store.list(id).orElseThrow();
        });
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
        Hotlist list = store.list(listId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id",
                "No hot list " + listId));
        if (!list.external()) {
            throw new ProblemException(ProblemType.CONFLICT, "id",
                    "The custom list takes entries through /api/v1/hotlists/custom/entries, not files");
        }
        Instant now = clock.instant();
        String sha = sha256(content);
        ParsedList parsed;
        try {
            parsed = parse(list, content);
            if (parsed.recordsInFile() == 0) {
                throw new HotlistFileException(0, "the file holds no records; an empty list is never loaded, "
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
                long importId = store.insertImport(listId, now, "ACCEPTED", parsed.recordsInFile(),
                        parsed.records().size(), parsed.droppedImmigration(), null, null, sha, by.username());
                store.replaceEntries(listId, importId, parsed.records());
                store.markLoaded(listId, asOf, now);
                audit.record(by, AuditEvent.of("hotlist.imported", "hotlist:" + listId)
                        .withTerms("import=" + importId + ", records=" + parsed.recordsInFile() + ", loaded="
                                + parsed.records().size() + ", droppedImmigration=" + parsed.droppedImmigration()
                                + ", asOf=" + asOf + ", sha256=" + sha + ", inForceBefore=" + inForce
                                + (confirmShrink ? ", confirmShrink=true" : "")));
                return new ImportReport(importId, listId, parsed.recordsInFile(), parsed.records().size(),
                        parsed.droppedImmigration(), asOf);
            });
        } catch (ShrinkRefused e) {
            throw reject(listId, now, sha, by, new HotlistFileException(0, "the file would shrink the list from "
                    + e.inForce + " to " + e.loaded + " entries, more than the allowed share of "
                    + properties.maxShrink() + "; an administrator who knows the shrink is real uploads it with "
                    + "confirmShrink=true"), HotlistProblems.SHRINK_UNCONFIRMED);
        } catch (DataAccessException e) {
            // The message may quote a record's values: log the class only.
            log.warn("Import into hot list {} refused by the database ({}); the previous list stays in force",
                    listId, e.getClass().getSimpleName());
            throw reject(listId, now, sha, by, new HotlistFileException(0,
                    "the database refused the file's records (" + e.getClass().getSimpleName() + ")"),
                    HotlistProblems.FILE_REJECTED);
        }
        matcher.rebuild();
        log.info("Hot list {} imported ({}): {} loaded, {} immigration records dropped", listId, report.importId(),
                report.loaded(), report.droppedImmigration());
        return report;
    }

    private boolean shrinksTooMuch(long inForce, long loaded) {
        return inForce > 0 && loaded < inForce && (double) (inForce - loaded) / inForce > properties.maxShrink();
    }

    /** Records the refused import (REJECTED row, lastError, audit) and returns the problem to throw. */
    private ProblemException reject(long listId, Instant now, String sha, Actor by, HotlistFileException e,
            ProblemType type) {
        tx.executeWithoutResult(status -> {
            store.insertImport(listId, now, "REJECTED", 0, 0, 0, e.line() > 0 ? e.line() : null, e.reason(), sha,
                    by.username());
            store.markError(listId, "import rejected: " + e.getMessage());
            audit.record(by, AuditEvent.of("hotlist.import-rejected", "hotlist:" + listId)
                    .withTerms("line=" + e.line() + ", reason=" + e.reason()));
        });
        log.warn("Import into hot list {} rejected at line {}; the previous list stays in force", listId, e.line());
        return new ProblemException(type, e.line() > 0 ? "line " + e.line() : "file",
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
            audit.record(Actor.SYSTEM, AuditEvent.of("hotlist.fetch-failed", "hotlist:" + listId)
                    .withTerms("reason=" + reason));
        });
    }

    /** Entries of a list, optionally those of one plate; audited, because it is a look-up of hot-list data. */
    public List<HotlistEntryView> entries(long listId, String plate, Actor by) {
        if (store.list(listId).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "id", "No hot list " + listId);
        }
        String normalised = plate == null || plate.isBlank() ? null
                : (plate.contains("?") || plate.contains("*") ? plate.trim().toUpperCase(Locale.ROOT)
                        : PlateText.normalise(plate));
        return tx.execute(status -> {
            List<HotlistEntryView> found = store.entries(listId, normalised, 500);
            audit.record(by, new AuditEvent("hotlist.entries-viewed", "hotlist:" + listId,
                    normalised == null ? null : "plate=" + normalised, null, null, found.size()));
            return found;
        });
    }

    private ParsedList parse(Hotlist list, byte[] content) {
        HotlistFormat format = HotlistFormat.valueOf(list.format());
        return switch (format) {
            case CA_DOJ -> CaDojFileParser.parse(content, dojReason(list.code()), profile.zone());
            case CSV -> CsvListParser.parse(content, new ColumnMapping(list.columnMapping()), list.name(),
                    profile.zone());
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

    private static HotlistFormat parseFormat(String format) {
        if (format == null) {
            throw ProblemException.invalid("format", "is required: CA_DOJ or CSV");
        }
        try {
            HotlistFormat f = HotlistFormat.valueOf(format.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (f == HotlistFormat.CUSTOM) {
                throw ProblemException.invalid("format", "the department's custom list exists already; use CA_DOJ or CSV");
            }
            return f;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("format", "CA_DOJ or CSV");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
