package org.platewatch.server.search;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.SearchRules;
import org.springframework.stereotype.Component;

/**
 * Checks every field of a search request and refuses the first fault with a 400 naming the field (RFC 9457). Which
 * purposes are forbidden is {@link ProhibitedUse}'s question, asked before this; whether a valid search is too broad
 * to run without approval is {@link SearchScope}'s, asked after.
 */
@Component
class SearchRequestValidator {

    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_REASON_LENGTH = 500;
    static final int MIN_REASON_LENGTH = 3;
    static final int MAX_CAMERAS = 200;
    static final int MAX_POLYGON_CORNERS = 64;
    static final int MAX_TERM_LENGTH = 40;
    /** A canvass wider than a county is not a canvass; nothing on the map goes past this. */
    static final double MAX_RADIUS_METERS = 100_000;

    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./:#-]{0,39}");

    private final SearchRules rules;
    private final ZoneId zone;

    SearchRequestValidator(DepartmentProfile profile) {
        this.rules = profile.search();
        this.zone = profile.zone();
    }

    ValidSearch validate(SearchRequest r) {
        if (r == null) {
            throw ProblemException.invalid("body", "a search needs a JSON body");
        }
        String caseNumber = caseNumber(r.caseNumber());
        SearchPurpose purpose = SearchPurpose.parse(required(r.purpose(), "purpose"))
                .orElseThrow(() -> ProblemException.invalid(
                        "purpose", "'" + r.purpose() + "' is not a search purpose; one of " + SearchPurpose.codes()));
        String reason = reason(r.reason());
        SearchCriteria criteria = new SearchCriteria(
                plate(r.plate()),
                state(r.state()),
                time(r.from(), "from"),
                time(r.to(), "to"),
                area(r.area()),
                cameras(r.cameras()),
                vehicle(r.vehicle()),
                Boolean.TRUE.equals(r.confusable()));
        checkWindow(criteria);
        if (criteria.terms().isEmpty()) {
            throw ProblemException.invalid(
                    "plate", "name at least one criterion: plate, state, from/to, area, cameras or vehicle");
        }
        if (criteria.confusable() && !criteria.hasPlate()) {
            throw ProblemException.invalid("confusable", "a look-alike search needs a plate");
        }
        return new ValidSearch(caseNumber, purpose, reason, criteria, pageSize(r.pageSize()));
    }

    private String caseNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            if (rules.caseNumberRequired()) {
                throw ProblemException.invalid(
                        "caseNumber", "every search must name its case or incident number (the department's policy)");
            }
            return null;
        }
        String s = raw.strip();
        if (!CASE_NUMBER.matcher(s).matches()) {
            throw ProblemException.invalid(
                    "caseNumber",
                    "a case or incident number is up to 40 letters, digits, spaces and . / : # -, starting with a"
                            + " letter or digit");
        }
        return s;
    }

    private static String required(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid(field, "is required: one of " + SearchPurpose.codes());
        }
        return raw;
    }

    private static String reason(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.length() < MIN_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "say what the search is for, in a few words");
        }
        if (s.length() > MAX_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "is longer than " + MAX_REASON_LENGTH + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ProblemException.invalid("reason", "holds control characters");
        }
        return s;
    }

    private static String plate(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_TERM_LENGTH) {
            throw ProblemException.invalid("plate", "is longer than " + MAX_TERM_LENGTH + " characters");
        }
        String pattern = PlatePattern.normalise(raw);
        if (PlatePattern.literalCount(pattern) == 0) {
            throw ProblemException.invalid("plate", "holds no letter or digit");
        }
        if (PlatePattern.minLength(pattern) > PlateText.MAX_LENGTH) {
            throw ProblemException.invalid("plate", "is longer than a plate (" + PlateText.MAX_LENGTH + " characters)");
        }
        return pattern;
    }

    private static String state(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return UsState.fromCode(raw)
                .map(UsState::name)
                .orElseThrow(() -> ProblemException.invalid("state", "'" + raw + "' is not a US state code"));
    }

    private Instant time(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        try {
            return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(s).toInstant()
                    : LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.invalid(
                    field, "'" + raw + "' is not a time: give 2026-11-30T18:00:00Z or 2026-11-30T10:00 (" + zone + ")");
        }
    }

    private static void checkWindow(SearchCriteria c) {
        if (c.from() != null && c.to() != null && !c.from().isBefore(c.to())) {
            throw ProblemException.invalid("to", "must be after from");
        }
    }

    private static SearchArea area(SearchRequest.Area a) {
        if (a == null) {
            return null;
        }
        if (a.polygon() != null) {
            if (a.latitude() != null || a.radiusMeters() != null) {
                throw ProblemException.invalid("area", "give a circle or a polygon, not both");
            }
            return polygon(a.polygon());
        }
        double lat = coordinate(a.latitude(), "area.latitude", 90);
        double lon = coordinate(a.longitude(), "area.longitude", 180);
        if (a.radiusMeters() == null || !(a.radiusMeters() > 0) || a.radiusMeters() > MAX_RADIUS_METERS) {
            throw ProblemException.invalid(
                    "area.radiusMeters", "must be more than 0 and at most " + (long) MAX_RADIUS_METERS);
        }
        return new SearchArea.Circle(lat, lon, a.radiusMeters());
    }

    private static SearchArea polygon(List<List<Double>> raw) {
        if (raw.size() < 3 || raw.size() > MAX_POLYGON_CORNERS) {
            throw ProblemException.invalid(
                    "area.polygon", "needs 3 to " + MAX_POLYGON_CORNERS + " corners, each [latitude, longitude]");
        }
        List<SearchArea.Corner> corners = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            List<Double> p = raw.get(i);
            String field = "area.polygon[" + i + "]";
            if (p == null || p.size() != 2) {
                throw ProblemException.invalid(field, "must be [latitude, longitude]");
            }
            corners.add(new SearchArea.Corner(coordinate(p.get(0), field, 90), coordinate(p.get(1), field, 180)));
        }
        SearchArea.Polygon polygon = new SearchArea.Polygon(corners);
        if (polygon.widthRadiusMeters() > MAX_RADIUS_METERS) {
            throw ProblemException.invalid("area.polygon", "is wider than " + (long) MAX_RADIUS_METERS + " m");
        }
        return polygon;
    }

    private static double coordinate(Double value, String field, double limit) {
        if (value == null || value.isNaN() || Math.abs(value) > limit) {
            throw ProblemException.invalid(field, "must be a number from -" + (int) limit + " to " + (int) limit);
        }
        return value;
    }

    private static List<UUID> cameras(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_CAMERAS) {
            throw ProblemException.invalid("cameras", "name at most " + MAX_CAMERAS + " cameras");
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ids.add(uuid(raw.get(i))
                    .orElseThrow(() -> ProblemException.invalid("cameras[" + ids.size() + "]", "is not a camera id")));
        }
        return ids;
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(UUID.fromString(s.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static VehicleDescription vehicle(SearchRequest.Vehicle v) {
        if (v == null) {
            return VehicleDescription.UNKNOWN;
        }
        return VehicleDescription.of(
                word(v.make(), "vehicle.make"), word(v.model(), "vehicle.model"), word(v.color(), "vehicle.color"));
    }

    private static String word(String raw, String field) {
        if (!VehicleDescription.given(raw)) {
            return null;
        }
        String s = raw.strip();
        if (s.length() > MAX_TERM_LENGTH || s.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(field, "must be a word of at most " + MAX_TERM_LENGTH + " characters");
        }
        return s;
    }

    /** Results per page as a request or a page link gives it: the default when absent, else 1 to the maximum. */
    static int pageSize(Integer raw) {
        if (raw == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (raw < 1 || raw > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("pageSize", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        return raw;
    }
}
