package org.platewatch.server.hotlist;

import java.time.Clock;
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
import org.platewatch.server.policy.HotlistSource;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The department's hot lists: designating them (only the sources its profile allows, never an
 * immigration list) and looking them up. Their files are imported by {@link HotlistImports}.
 */
@Service
public class Hotlists {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    static final String CUSTOM_CODE = "custom";

    private final HotlistStore store;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HotlistSources sources;
    private final MemberAccess access;

    Hotlists(
            HotlistStore store,
            AuditLog audit,
            DepartmentProfile profile,
            TransactionTemplate tx,
            Clock clock,
            HotlistSources sources,
            MemberAccess access) {
        this.sources = sources;
        this.access = access;
        this.store = store;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * What an administrator gives to designate a list.
     *
     * @param format         {@code CA_DOJ} or {@code CSV} (custom entries have their own list)
     * @param location       an https URL, or a file or a directory inside the source directory, to fetch from on
     *                       schedule ({@link HotlistSources}); null for upload only
     * @param columnMapping  CSV only: field to header name, see {@link ColumnMapping}
     */
    public record NewHotlist(
            String code,
            String name,
            HotlistSource sourceKind,
            String format,
            String location,
            Map<String, String> columnMapping) {}

    public List<Hotlist> all() {
        return store.lists();
    }

    public Optional<Hotlist> find(long id) {
        return store.list(id);
    }

    public Optional<HotlistEntryView> entry(long id) {
        return store.entry(id);
    }

    /**
     * Whether the list's entries and hits are CLETS-derived ({@link HotlistSource#cletsDerived()}); a list
     * that is not (or no longer) known counts as CLETS-derived, so nothing is shown by mistake.
     */
    public boolean cletsDerived(long listId) {
        return store.sourceKind(listId).map(HotlistSource::cletsDerived).orElse(true);
    }

    /** Whether the member may see CLETS-derived entries and hits: their account's CLETS authorisation. */
    public boolean mayReadClets(UserAccount member) {
        return access.may(member, Permission.QUERY_CLETS);
    }

    /** Designates a list; only the profile's allowed source kinds, never an immigration list. */
    public Hotlist designate(NewHotlist request, Actor by) {
        String code = request.code() == null ? null : request.code().trim().toLowerCase(Locale.ROOT);
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.invalid("code", "1-32 lower-case letters, digits, '-' or '_'");
        }
        if (CUSTOM_CODE.equals(code)) {
            throw ProblemException.invalid(
                    "code",
                    "'custom' is the department's own list; add entries to it with "
                            + "POST /api/v1/hotlists/custom/entries");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (request.sourceKind() == null) {
            throw ProblemException.invalid("sourceKind", "is required; one of " + List.of(HotlistSource.values()));
        }
        if (ImmigrationCategory.any(code, request.name())) {
            throw new ProblemException(
                    HotlistProblems.IMMIGRATION_LIST_FORBIDDEN,
                    "name",
                    "No hot list of an immigration category can be designated (California Values Act, "
                            + "Gov. Code § 7284.6)");
        }
        if (!profile.hotlists().allows(request.sourceKind())) {
            throw new ProblemException(
                    HotlistProblems.SOURCE_NOT_ALLOWED,
                    "sourceKind",
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
        if (location != null) {
            location = sources.check(location);
        }
        String where = location;
        return tx.execute(status -> {
            if (store.listByCode(code).isPresent()) {
                throw new ProblemException(ProblemType.CONFLICT, "code", "code: a list '" + code + "' exists");
            }
            long id = store.insertList(
                    code,
                    request.name().trim(),
                    request.sourceKind(),
                    format,
                    where,
                    mapping.columns(),
                    by.username(),
                    clock.instant());
            audit.record(
                    by,
                    AuditEvent.of("hotlist.designated", "hotlist:" + id)
                            .withTerms("code=" + code + ", source=" + request.sourceKind() + ", format=" + format
                                    + (where == null ? "" : ", location=" + SecretMasking.mask(where))));
            return store.list(id).orElseThrow();
        });
    }

    /** The department's own list, created on first use where the profile allows department entries. */
    Hotlist customList() {
        return store.listByCode(CUSTOM_CODE).orElseGet(() -> {
            if (!profile.hotlists().allows(HotlistSource.DEPARTMENT_BOLO)) {
                throw new ProblemException(
                        HotlistProblems.SOURCE_NOT_ALLOWED,
                        null,
                        "The " + profile.departmentName() + " policy allows no department entries");
            }
            long id = store.insertList(
                    CUSTOM_CODE,
                    "Department BOLO (custom entries)",
                    HotlistSource.DEPARTMENT_BOLO,
                    HotlistFormat.CUSTOM,
                    null,
                    Map.of(),
                    Actor.SYSTEM.username(),
                    clock.instant());
            audit.record(
                    Actor.SYSTEM,
                    AuditEvent.of("hotlist.designated", "hotlist:" + id)
                            .withTerms("code=custom, source=DEPARTMENT_BOLO, format=CUSTOM"));
            return store.list(id).orElseThrow();
        });
    }

    /**
     * Entries of a list, optionally those of one plate; audited, because it is a look-up of hot-list data. A
     * CLETS-derived list's entries only for a member with CLETS authorisation: anyone else is refused
     * ({@code clets-not-authorised}, told whom to ask) and the refusal is audited, because even "no entry
     * for this plate" is an answer from CLETS data.
     */
    public List<HotlistEntryView> entries(long listId, String plate, UserAccount member) {
        Hotlist list = store.list(listId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No hot list " + listId));
        if (list.sourceKind().cletsDerived() && !access.may(member, Permission.QUERY_CLETS)) {
            tx.executeWithoutResult(status -> audit.record(
                    member.actor(),
                    AuditEvent.of("hotlist.entries-refused", "hotlist:" + listId)
                            .withTerms("reason=" + MemberAccess.CLETS_NOT_AUTHORISED.slug())));
            throw new ProblemException(
                    MemberAccess.CLETS_NOT_AUTHORISED,
                    CletsWithheld.of(list.name()).sentence());
        }
        String normalised = plate == null || plate.isBlank()
                ? null
                : (plate.contains("?") || plate.contains("*")
                        ? plate.trim().toUpperCase(Locale.ROOT)
                        : PlateText.normalise(plate));
        return tx.execute(status -> {
            List<HotlistEntryView> found = store.entries(listId, normalised, 500);
            audit.record(
                    member.actor(),
                    new AuditEvent(
                            "hotlist.entries-viewed",
                            "hotlist:" + listId,
                            normalised == null ? null : "plate=" + normalised,
                            null,
                            null,
                            found.size()));
            return found;
        });
    }

    private static HotlistFormat parseFormat(String format) {
        if (format == null) {
            throw ProblemException.invalid("format", "is required: CA_DOJ or CSV");
        }
        try {
            HotlistFormat f =
                    HotlistFormat.valueOf(format.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (f == HotlistFormat.CUSTOM) {
                throw ProblemException.invalid(
                        "format", "the department's custom list exists already; use CA_DOJ or CSV");
            }
            return f;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("format", "CA_DOJ or CSV");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
