package org.platewatch.server.hotlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The department's own entries: made by a trained member with a case number and a synopsis, in
 * force only after the ALPR administrator approves them, changed only with a supervisor's approval,
 * and out of force once they expire. Every step is audited in its own transaction.
 */
@Service
class CustomEntryService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEFAULT_REASON = "Department BOLO";

    private final JdbcClient jdbc;
    private final HotlistStore store;
    private final Hotlists hotlists;
    private final HotlistMatcher matcher;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MemberAccess access;

    CustomEntryService(JdbcClient jdbc, HotlistStore store, Hotlists hotlists, HotlistMatcher matcher, AuditLog audit,
            DepartmentProfile profile, TransactionTemplate tx, Clock clock,
            MemberAccess access) {
        this.jdbc = jdbc;
        this.store = store;
        this.hotlists = hotlists;
        this.matcher = matcher;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.clock = clock;
        this.access = access;
    }

    HotlistEntryView create(CustomEntryRequest request) {
        UserAccount member = requireTrainedMember(Permission.PROPOSE_HOTLIST_ENTRIES);
        Valid v = validate(request, true);
        Instant now = clock.instant();
        return tx.execute(status -> {
            Hotlist list = hotlists.customList();
            long id = jdbc.sql("""
                            INSERT INTO hotlist_entries (hotlist_id, plate, state, reason, vehicle_make, vehicle_model,
                                                         vehicle_color, case_number, synopsis, expires_at, status,
                                                         entered_by, entered_at, entering_agency)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) RETURNING id
                            """)
                    .params(list.id(), v.plate(), v.state(), v.reason(), v.make(), v.model(), v.color(),
                            v.caseNumber(), v.synopsis(), Timestamp.from(v.expiresAt()), member.username(),
                            Timestamp.from(now), profile.departmentName())
                    .query(Long.class).single();
            audit.record(member.actor(), new AuditEvent("hotlist.entry-entered", "hotlist-entry:" + id,
                    (v.plate().isEmpty() ? "vehicle=" + v.make() + "/" + v.model() + "/" + v.color()
                            : "plate=" + v.plate()) + ", state=" + v.state() + ", expires=" + v.expiresAt(), v.synopsis(),
                    v.caseNumber(), null));
            return store.entry(id).orElseThrow();
        });
    }

    HotlistEntryView approve(long id, boolean approve, String note) {
        UserAccount admin = requireTrainedMember(Permission.MANAGE_HOTLISTS);
        HotlistEntryView result = tx.execute(status -> {
            HotlistEntryView entry = lockedCustomEntry(id);
            if (!"PENDING".equals(entry.status())) {
                throw new ProblemException(ProblemType.CONFLICT, "status",
                        "Entry " + id + " is " + entry.status() + ", not awaiting approval");
            }
            if (admin.username().equals(entry.enteredBy())) {
                throw new ProblemException(ProblemType.CONFLICT, null,
                        "An entry is approved by someone other than the member who entered it");
            }
            jdbc.sql("UPDATE hotlist_entries SET status = ?, approved_by = ?, approved_at = ? WHERE id = ?")
                    .params(approve ? "ACTIVE" : "REJECTED", admin.username(), Timestamp.from(clock.instant()), id)
                    .update();
            audit.record(admin.actor(), new AuditEvent(approve ? "hotlist.entry-approved" : "hotlist.entry-rejected",
                    "hotlist-entry:" + id, note == null ? null : "note=" + note, null, entry.caseNumber(), null));
            return store.entry(id).orElseThrow();
        });
        matcher.rebuild();
        return result;
    }

    HotlistEntryView proposeChange(long id, CustomEntryRequest change) {
        UserAccount member = requireTrainedMember(Permission.PROPOSE_HOTLIST_ENTRIES);
        validate(change, false);
        return tx.execute(status -> {
            HotlistEntryView entry = lockedCustomEntry(id);
            if ("REJECTED".equals(entry.status())) {
                throw new ProblemException(ProblemType.CONFLICT, "status", "Entry " + id + " was rejected");
            }
            String json = JSON.writeValueAsString(change);
            jdbc.sql("UPDATE hotlist_entries SET proposed_change = ?, proposed_by = ?, proposed_at = ? WHERE id = ?")
                    .params(json, member.username(), Timestamp.from(clock.instant()), id).update();
            audit.record(member.actor(), new AuditEvent("hotlist.entry-change-proposed", "hotlist-entry:" + id,
                    json, change.synopsis(), change.caseNumber() != null ? change.caseNumber() : entry.caseNumber(),
                    null));
            return store.entry(id).orElseThrow();
        });
    }

    /**
     * Approves or refuses the change awaiting approval, provided it is the one the supervisor saw: the one
     * proposed at {@code seenProposedAt}, compared under the entry's lock (409 when it was replaced since).
     */
    HotlistEntryView decideChange(long id, boolean approve, Instant seenProposedAt) {
        UserAccount supervisor = requireTrainedMember(Permission.APPROVE_HOTLIST_ENTRIES);
        HotlistEntryView result = tx.execute(status -> {
            HotlistEntryView entry = lockedCustomEntry(id);
            if (entry.proposedChange() == null) {
                throw new ProblemException(ProblemType.CONFLICT, null, "Entry " + id + " has no change awaiting approval");
            }
            if (!seenProposedAt.equals(entry.proposedAt())) {
                throw new ProblemException(ProblemType.CONFLICT, "proposedAt", "The change awaiting approval on entry "
                        + id + " was proposed at " + entry.proposedAt() + ", not the one you saw (" + seenProposedAt
                        + "); reload it and decide again");
            }
            if (supervisor.username().equals(entry.proposedBy())) {
                throw new ProblemException(ProblemType.CONFLICT, null,
                        "A change is approved by a supervisor other than the member who proposed it");
            }
            if (approve) {
                CustomEntryRequest change = JSON.readValue(entry.proposedChange(), CustomEntryRequest.class);
                CustomEntryRequest merged = merge(entry, change);
                Valid v = validate(merged, true);
                jdbc.sql("""
                                UPDATE hotlist_entries SET plate = ?, state = ?, reason = ?, vehicle_make = ?,
                                       vehicle_model = ?, vehicle_color = ?, case_number = ?, synopsis = ?,
                                       expires_at = ?
                                WHERE id = ?
                                """)
                        .params(v.plate(), v.state(), v.reason(), v.make(), v.model(), v.color(), v.caseNumber(),
                                v.synopsis(), Timestamp.from(v.expiresAt()), id)
                        .update();
            }
            jdbc.sql("UPDATE hotlist_entries SET proposed_change = NULL, proposed_by = NULL, proposed_at = NULL "
                    + "WHERE id = ?").param(id).update();
            audit.record(supervisor.actor(), new AuditEvent(
                    approve ? "hotlist.entry-change-approved" : "hotlist.entry-change-refused", "hotlist-entry:" + id,
                    entry.proposedChange(), null, entry.caseNumber(), null));
            return store.entry(id).orElseThrow();
        });
        matcher.rebuild();
        return result;
    }

    private HotlistEntryView lockedCustomEntry(long id) {
        jdbc.sql("SELECT id FROM hotlist_entries WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
        HotlistEntryView entry = store.entry(id).filter(e -> Hotlists.CUSTOM_CODE.equals(e.list()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No custom entry " + id));
        return entry;
    }

    private static CustomEntryRequest merge(HotlistEntryView e, CustomEntryRequest c) {
        CustomEntryRequest.Vehicle v = c.vehicle() != null ? c.vehicle()
                : new CustomEntryRequest.Vehicle(e.make(), e.model(), e.color());
        return new CustomEntryRequest(c.plate() != null ? c.plate() : e.plate(),
                c.plate() != null || c.state() != null ? c.state() : e.state(), v,
                c.reason() != null ? c.reason() : e.reason(),
                c.caseNumber() != null ? c.caseNumber() : e.caseNumber(),
                c.synopsis() != null ? c.synopsis() : e.synopsis(),
                c.expiresAt() != null ? c.expiresAt() : e.expiresAt().toString());
    }

    private record Valid(String plate, String state, String reason, String make, String model, String color,
            String caseNumber, String synopsis, Instant expiresAt) {
    }

    /** Validates a new entry ({@code complete}) or the fields a change gives. */
    private Valid validate(CustomEntryRequest r, boolean complete) {
        DepartmentProfile.CustomEntries rules = profile.hotlists().customEntries();
        noControlCharacters("plate", r.plate());
        noControlCharacters("state", r.state());
        noControlCharacters("reason", r.reason());
        noControlCharacters("caseNumber", r.caseNumber());
        noControlCharacters("synopsis", r.synopsis());
        if (r.vehicle() != null) {
            noControlCharacters("vehicle.make", r.vehicle().make());
            noControlCharacters("vehicle.model", r.vehicle().model());
            noControlCharacters("vehicle.color", r.vehicle().color());
        }
        if (complete || r.caseNumber() != null) {
            requireText(r.caseNumber(), "caseNumber", complete && rules.caseNumberRequired());
        }
        if (complete || r.synopsis() != null) {
            requireText(r.synopsis(), "synopsis", complete && rules.synopsisRequired());
        }
        String state = null;
        if (r.state() != null && !r.state().isBlank()) {
            state = r.state().trim().toUpperCase(Locale.ROOT);
            if (UsState.fromCode(state).isEmpty()) {
                throw ProblemException.invalid("state", "'" + r.state() + "' is not a state code");
            }
        }
        String plate = null;
        if (complete || r.plate() != null) {
            if (ImmigrationCategory.any(r.reason(), r.synopsis())) {
                throw new ProblemException(HotlistProblems.IMMIGRATION_LIST_FORBIDDEN, "reason",
                        "No entry of an immigration category can be made (California Values Act, Gov. Code § 7284.6)");
            }
            plate = (r.plate() == null || r.plate().isBlank()) ? vehicleOnly(r, complete) : platePattern(r, state);
        }
        Instant expires = null;
        if (complete || r.expiresAt() != null) {
            expires = parseExpiry(r.expiresAt());
            if (!expires.isAfter(clock.instant())) {
                throw ProblemException.invalid("expiresAt", "must be in the future");
            }
            if (expires.atZone(java.time.ZoneOffset.UTC).getYear() > 9999) {
                throw ProblemException.invalid("expiresAt", "the year must be 9999 or earlier");
            }
        }
        CustomEntryRequest.Vehicle v = r.vehicle();
        String reason = r.reason() == null || r.reason().isBlank() ? DEFAULT_REASON : r.reason().trim();
        return new Valid(plate, state, reason, v == null ? null : v.make(), v == null ? null : v.model(),
                v == null ? null : v.color(), trim(r.caseNumber()), trim(r.synopsis()), expires);
    }

    private static String platePattern(CustomEntryRequest r, String state) {
        if (r.plate().chars().noneMatch(Character::isLetterOrDigit)) {
            throw ProblemException.invalid("plate", "has no letters or digits");
        }
        try {
            HotlistEntry probe = new HotlistEntry(0, Hotlists.CUSTOM_CODE, r.plate(),
                    state == null ? null : UsState.fromCode(state).orElseThrow(), "probe");
            if (!probe.isPartial() && state == null) {
                throw ProblemException.invalid("state", "is required with a full plate");
            }
            return probe.platePattern();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("plate", e.getMessage().replace("entry 0: ", ""));
        }
    }

    /**
     * An entry without a plate is matched on its vehicle description alone, so it needs enough of one:
     * at least {@link HotlistEntry#MIN_VEHICLE_ATTRIBUTES} of make, model and colour. Stored with an
     * empty plate. A change that leaves the plate blank is checked against the whole entry on approval.
     */
    private static String vehicleOnly(CustomEntryRequest r, boolean complete) {
        CustomEntryRequest.Vehicle v = r.vehicle();
        if (!complete) {
            return "";
        }
        if (v == null || v.attributeCount() == 0) {
            throw ProblemException.invalid("plate", "is required: a full plate, a partial one with ? and *, or no"
                    + " plate and a vehicle description with at least " + HotlistEntry.MIN_VEHICLE_ATTRIBUTES
                    + " of make, model and color");
        }
        if (v.attributeCount() < HotlistEntry.MIN_VEHICLE_ATTRIBUTES) {
            throw ProblemException.invalid("vehicle", "an entry without a plate needs at least "
                    + HotlistEntry.MIN_VEHICLE_ATTRIBUTES + " of make, model and color: one alone (e.g. a colour)"
                    + " would match a large share of all traffic");
        }
        return "";
    }

    private Instant parseExpiry(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("expiresAt", "is required: every entry has an expiry date");
        }
        try {
            return value.length() > 10 ? Instant.parse(value.trim())
                    : LocalDate.parse(value.trim()).plusDays(1).atStartOfDay(profile.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("expiresAt", "an ISO instant or a date yyyy-MM-dd");
        }
    }

    /** PostgreSQL refuses NUL in text, and no entry field has a reason to hold a control character. */
    private static void noControlCharacters(String field, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(field, "control characters are not allowed");
        }
    }

    private static void requireText(String value, String field, boolean required) {
        if (required && (value == null || value.isBlank())) {
            throw ProblemException.invalid(field, "is required");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** The signed-in member, if their role has the permission and their training is current. */
    UserAccount requireTrainedMember(Permission permission) {
        return access.requireActive(permission);
    }
}
