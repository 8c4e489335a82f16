package org.platewatch.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data error correction (Oakland 430.7(c), San Leandro 418.6, Vallejo "462.7"): an administrator corrects a
 * detection's plate or state with a reason; the detection carries the correction, the original stays on the record,
 * the change is audited in the same transaction, and where the profile names a regional centre (San Leandro: NCRIC)
 * the correction is listed for reporting to it. Search results show it through {@link #forReads}.
 */
@Service
public class DataCorrections {

    /** What a correction's reason may hold: a sentence or two, not a file. */
    static final int MAX_REASON = 1000;

    private final CorrectionStore store;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final Clock clock;

    DataCorrections(CorrectionStore store, AuditLog audit, DepartmentProfile profile, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.profile = profile;
        this.clock = clock;
    }

    /** A correction as asked: the right plate, its state (may be blank: unknown), and why. */
    record Request(String plate, String state, String reason) {}

    @Transactional
    DetectionCorrection correct(UUID readId, Request request) {
        if (request == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "a correction needs plate, state and reason");
        }
        String plate = plate(request.plate());
        String state = state(request.state());
        String reason = reason(request.reason());
        CorrectionStore.StoredDetection before = store.lockDetection(readId)
                .orElseThrow(
                        () -> new ProblemException(ProblemType.NOT_FOUND, "no stored detection has read id " + readId));
        if (before.plate().equals(plate) && java.util.Objects.equals(before.state(), state)) {
            throw ProblemException.invalid("plate", "is what the detection already says");
        }
        Actor actor = Actor.current();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reportTo = profile.audit().regionalCentre().orElse(null);
        long id = store.insert(before, plate, state, reason, actor.username(), actor.fullName(), at, reportTo);
        audit.record(
                actor,
                new AuditEvent(
                        "detection.corrected",
                        "read:" + readId,
                        "plate " + before.plate() + " " + show(before.state()) + " -> " + plate + " " + show(state)
                                + (reportTo == null ? "" : ", to report to " + reportTo),
                        reason,
                        null,
                        1));
        return store.find(id).orElseThrow();
    }

    /** Records that a correction was reported to the regional centre (San Leandro 418.6(d): to NCRIC). */
    @Transactional
    DetectionCorrection markReported(long id) {
        DetectionCorrection correction = store.find(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no correction has id " + id));
        Actor actor = Actor.current();
        if (!store.markReported(id, actor.username(), clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    correction.reportTo() == null
                            ? "correction " + id + " has no regional centre to report to"
                            : "correction " + id + " was already reported to " + correction.reportTo());
        }
        audit.record(
                actor,
                new AuditEvent(
                        "detection.correction-reported",
                        "read:" + correction.readId(),
                        "correction " + id + " reported to " + correction.reportTo(),
                        null,
                        null,
                        null));
        return store.find(id).orElseThrow();
    }

    /**
     * The corrections of these reads, by read id: one query, for a page of search results (the search's own query
     * stays as it is).
     */
    public Map<UUID, DetectionCorrection> forReads(Collection<UUID> readIds) {
        return store.forReads(readIds).stream()
                .collect(Collectors.toMap(DetectionCorrection::readId, Function.identity()));
    }

    /** The corrections on record (the first {@code limit}, oldest first), an access that is audited. */
    @Transactional
    List<DetectionCorrection> list(boolean toReportOnly, int limit) {
        List<DetectionCorrection> found =
                store.between(Instant.EPOCH, clock.instant().plusSeconds(1), toReportOnly, limit);
        audit.record(new AuditEvent(
                "detection.corrections-read",
                "detection_corrections",
                "toReport=" + toReportOnly,
                null,
                null,
                found.size()));
        return found;
    }

    List<DetectionCorrection> between(Instant from, Instant to, boolean toReportOnly, int limit) {
        return store.between(from, to, toReportOnly, limit);
    }

    private static String plate(String raw) {
        if (raw == null) {
            throw ProblemException.invalid("plate", "is required");
        }
        String plate = PlateText.normalise(raw);
        if (plate.isEmpty()) {
            throw ProblemException.invalid("plate", "holds no letters or digits");
        }
        if (plate.length() > PlateText.MAX_LENGTH) {
            throw ProblemException.invalid("plate", "is longer than " + PlateText.MAX_LENGTH + " characters");
        }
        return plate;
    }

    private static String state(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return UsState.fromCode(raw)
                .map(s -> s.name().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.invalid("state", "is not a two-letter US state code"));
    }

    private static String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.length() < 5) {
            throw ProblemException.invalid("reason", "must say why the read was wrong (5 characters or more)");
        }
        if (reason.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "is longer than " + MAX_REASON + " characters");
        }
        return reason;
    }

    private static String show(String state) {
        return state == null ? "(no state)" : state;
    }
}
