package org.platewatch.server.sharing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.platewatch.plate.PlateText;
import org.platewatch.server.platform.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Turns a request's read ids or criteria into the detections it names, fixed when it is entered. An id that is
 * not a stored detection is refused, naming it: the request is the agency's word, and a forged id must not become
 * an empty or a different release.
 */
@Component
class RequestedReads {

    /** A release is for a case file, not a bulk transfer. */
    static final int MAX_DETECTIONS = 5_000;

    /** The detections and, for criteria, the words the audit row and the request keep. */
    record Resolved(List<UUID> readIds, String criteria) {}

    private final ReleaseStore store;

    RequestedReads(ReleaseStore store) {
        this.store = store;
    }

    Resolved resolve(List<String> readIds, ReleaseRequestForm.Criteria criteria) {
        boolean ids = readIds != null && !readIds.isEmpty();
        if (ids && criteria != null) {
            throw ProblemException.invalid("readIds", "give read ids or criteria, not both");
        }
        if (criteria != null) {
            return byCriteria(criteria);
        }
        if (!ids) {
            throw ProblemException.invalid("readIds", "is required: the detections asked for, or criteria");
        }
        return new Resolved(byIds(readIds), null);
    }

    private List<UUID> byIds(List<String> raw) {
        if (raw.size() > MAX_DETECTIONS) {
            throw ProblemException.invalid("readIds", "a release holds at most " + MAX_DETECTIONS + " detections");
        }
        List<UUID> ids = new ArrayList<>(raw.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            UUID id = uuid("readIds[" + i + "]", raw.get(i));
            if (!seen.add(id)) {
                throw ProblemException.invalid("readIds[" + i + "]", "names a detection already asked for");
            }
            ids.add(id);
        }
        Set<UUID> stored = new HashSet<>(store.stored(ids));
        for (int i = 0; i < ids.size(); i++) {
            if (!stored.contains(ids.get(i))) {
                throw ProblemException.invalid("readIds[" + i + "]", "no such detection is stored");
            }
        }
        return ids;
    }

    private Resolved byCriteria(ReleaseRequestForm.Criteria c) {
        String plate = PlateText.normalise(SharingInput.text("criteria.plate", c.plate(), 20));
        if (!PlateText.isPlausible(plate)) {
            throw ProblemException.invalid(
                    "criteria.plate", "must be a plate of 1 to " + PlateText.MAX_LENGTH + " letters and digits");
        }
        String state =
                c.state() == null || c.state().isBlank() ? null : SharingInput.state("criteria.state", c.state());
        Instant from = instant("criteria.from", c.from());
        Instant to = instant("criteria.to", c.to());
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("criteria.to", "must be after criteria.from");
        }
        List<UUID> found = store.matching(plate, state, from, to, MAX_DETECTIONS + 1);
        if (found.isEmpty()) {
            throw ProblemException.invalid("criteria", "finds no stored detection");
        }
        if (found.size() > MAX_DETECTIONS) {
            throw ProblemException.invalid("criteria", "finds more than " + MAX_DETECTIONS + " detections; narrow it");
        }
        String words = "plate=" + plate + (state == null ? "" : ", state=" + state) + ", from=" + from + ", to=" + to;
        return new Resolved(found, words);
    }

    private static UUID uuid(String field, String raw) {
        try {
            if (raw == null || raw.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a read id (a UUID)");
        }
    }

    private static Instant instant(String field, String raw) {
        String v = SharingInput.text(field, raw, 40);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a UTC time such as 2026-01-31T08:00:00Z");
        }
    }
}
