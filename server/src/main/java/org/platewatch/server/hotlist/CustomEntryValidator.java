package org.platewatch.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.CustomEntryRules;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;

/**
 * What a custom entry must hold before it is stored: the department's rules (case number, synopsis), a plate
 * pattern or enough of a vehicle description to match on, no immigration category, an expiry in the future.
 * A new entry is checked whole; a proposed change only in the fields it gives, and whole again once merged
 * with the entry on approval.
 */
@Component
class CustomEntryValidator {

    static final String DEFAULT_REASON = "Department BOLO";

    private final DepartmentProfile profile;
    private final Clock clock;

    CustomEntryValidator(DepartmentProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
    }

    /** Validates a new entry ({@code complete}) or the fields a change gives. */
    ValidEntry validate(CustomEntryRequest r, boolean complete) {
        CustomEntryRules rules = profile.hotlists().customEntries();
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
                throw new ProblemException(
                        HotlistProblems.IMMIGRATION_LIST_FORBIDDEN,
                        "reason",
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
        String reason = r.reason() == null || r.reason().isBlank()
                ? DEFAULT_REASON
                : r.reason().trim();
        return new ValidEntry(
                plate,
                state,
                reason,
                v == null ? null : v.make(),
                v == null ? null : v.model(),
                v == null ? null : v.color(),
                trim(r.caseNumber()),
                trim(r.synopsis()),
                expires);
    }

    private static String platePattern(CustomEntryRequest r, String state) {
        if (r.plate().chars().noneMatch(Character::isLetterOrDigit)) {
            throw ProblemException.invalid("plate", "has no letters or digits");
        }
        try {
            HotlistEntry probe = new HotlistEntry(
                    0,
                    Hotlists.CUSTOM_CODE,
                    r.plate(),
                    state == null ? null : UsState.fromCode(state).orElseThrow(),
                    "probe");
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
            throw ProblemException.invalid(
                    "plate",
                    "is required: a full plate, a partial one with ? and *, or no"
                            + " plate and a vehicle description with at least " + HotlistEntry.MIN_VEHICLE_ATTRIBUTES
                            + " of make, model and color");
        }
        if (v.attributeCount() < HotlistEntry.MIN_VEHICLE_ATTRIBUTES) {
            throw ProblemException.invalid(
                    "vehicle",
                    "an entry without a plate needs at least "
                            + HotlistEntry.MIN_VEHICLE_ATTRIBUTES
                            + " of make, model and color: one alone (e.g. a colour)"
                            + " would match a large share of all traffic");
        }
        return "";
    }

    private Instant parseExpiry(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("expiresAt", "is required: every entry has an expiry date");
        }
        try {
            return value.length() > 10
                    ? Instant.parse(value.trim())
                    : LocalDate.parse(value.trim())
                            .plusDays(1)
                            .atStartOfDay(profile.zone())
                            .toInstant();
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
}
