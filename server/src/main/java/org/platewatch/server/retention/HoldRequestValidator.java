package org.platewatch.server.retention;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.stereotype.Component;

/** Checks a hold request's own fields; whether its reads exist and its search is the caller's is asked later. */
@Component
class HoldRequestValidator {

    /** One hold names at most this many reads: as many as a search export holds, a case's worth. */
    static final int MAX_READS = 50_000;

    static final int MAX_TEXT = 500;
    /** How many bad ids a refusal names; the rest are counted. */
    static final int NAMED = 20;

    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./:#-]{0,39}");

    /** A request that passed: the reads by id (each once, in the order given), or the search to resolve. */
    record ValidHold(String caseNumber, String reason, List<UUID> readIds, UUID searchId) {}

    ValidHold validate(HoldRequest r) {
        if (r == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a hold request");
        }
        String caseNumber = caseNumber(r.caseNumber());
        String reason = text(r.reason(), "reason", "say why the detections must be kept (the case, the order)");
        boolean byReads = r.readIds() != null;
        boolean bySearch = r.searchId() != null && !r.searchId().isBlank();
        if (byReads == bySearch) {
            throw ProblemException.invalid(
                    "readIds",
                    byReads
                            ? "give the read ids or a searchId, not both"
                            : "name the reads (readIds) or a" + " search whose results to hold (searchId)");
        }
        if (bySearch) {
            return new ValidHold(
                    caseNumber, reason, List.of(), uuid(r.searchId().strip(), "searchId"));
        }
        return new ValidHold(caseNumber, reason, readIds(r.readIds()), null);
    }

    /** A note that must say something: a rejection's, a release's reason. */
    static String text(String raw, String field, String what) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw ProblemException.invalid(field, "is required: " + what);
        }
        if (s.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "is longer than " + MAX_TEXT + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ProblemException.invalid(field, "holds control characters");
        }
        return s;
    }

    private static String caseNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid("caseNumber", "is required: every hold is for a case");
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

    private static List<UUID> readIds(List<String> raw) {
        if (raw.isEmpty()) {
            throw ProblemException.invalid("readIds", "is empty: name at least one read");
        }
        if (raw.size() > MAX_READS) {
            throw ProblemException.invalid(
                    "readIds", raw.size() + " ids; one hold names at most " + MAX_READS + ": place more than one");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (String s : raw) {
            UUID id = s == null ? null : parse(s.strip());
            if (id == null) {
                if (bad.size() < NAMED) {
                    bad.add(s == null ? "null" : '"' + clip(s) + '"');
                }
                badCount++;
            } else {
                ids.add(id);
            }
        }
        if (badCount > 0) {
            throw ProblemException.invalid("readIds", "not read ids: " + named(bad, badCount));
        }
        return List.copyOf(ids);
    }

    static String named(List<?> shown, int total) {
        String list = String.join(", ", shown.stream().map(String::valueOf).toList());
        return total > shown.size() ? list + " and " + (total - shown.size()) + " more" : list;
    }

    private static UUID uuid(String s, String field) {
        UUID id = parse(s);
        if (id == null) {
            throw ProblemException.invalid(field, "is not a search id");
        }
        return id;
    }

    private static UUID parse(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clip(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
