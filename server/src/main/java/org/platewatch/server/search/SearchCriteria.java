package org.platewatch.server.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.ConfusableCharacters;

/**
 * What a search looks for, validated ({@link SearchRequestValidator}); every part is optional but at least one is
 * given. Stored with the search as JSON, so that an approved search runs exactly what was approved.
 *
 * @param plate      a normalised plate, or a pattern with {@code ?} (one character) and {@code *} (any run)
 * @param state      the issuing state's two-letter code
 * @param from       the window's start (inclusive)
 * @param to         the window's end (exclusive)
 * @param area       a circle or polygon
 * @param cameras    the devices whose reads to search
 * @param vehicle    make, model and colour, each matched whole and without regard to case
 * @param confusable whether reads that differ from the plate only within confusable character classes match too
 */
record SearchCriteria(
        String plate,
        String state,
        Instant from,
        Instant to,
        SearchArea area,
        List<UUID> cameras,
        VehicleDescription vehicle,
        boolean confusable) {

    SearchCriteria {
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        vehicle = vehicle == null ? VehicleDescription.UNKNOWN : vehicle;
    }

    boolean hasPlate() {
        return plate != null;
    }

    boolean partialPlate() {
        return plate != null && PlatePattern.hasWildcard(plate);
    }

    int knownPlateCharacters() {
        return plate == null ? 0 : PlatePattern.literalCount(plate);
    }

    Optional<Duration> window() {
        return from != null && to != null ? Optional.of(Duration.between(from, to)) : Optional.empty();
    }

    /** Whether a read's plate is found by the plate term only as a look-alike (a confusable search's extra). */
    boolean isLookAlike(String readPlate) {
        return plate != null && !PlatePattern.matches(plate, readPlate);
    }

    /** The plate term with each confusable character replaced by its class representative. */
    String canonicalPlate() {
        return ConfusableCharacters.canonical(plate);
    }

    /** The terms as the audit log records them: every criterion, in a fixed order, readable by an auditor. */
    String terms() {
        List<String> t = new ArrayList<>();
        if (plate != null) {
            t.add("plate=" + plate + (confusable ? " (with look-alikes)" : ""));
        }
        if (state != null) {
            t.add("state=" + state);
        }
        if (from != null) {
            t.add("from=" + from);
        }
        if (to != null) {
            t.add("to=" + to);
        }
        if (area != null) {
            t.add("area=" + area.terms());
        }
        if (!cameras.isEmpty()) {
            t.add("cameras=" + cameras);
        }
        if (VehicleDescription.given(vehicle.make())) {
            t.add("make=" + vehicle.make());
        }
        if (VehicleDescription.given(vehicle.model())) {
            t.add("model=" + vehicle.model());
        }
        if (VehicleDescription.given(vehicle.color())) {
            t.add("color=" + vehicle.color());
        }
        return String.join("; ", t);
    }
}
