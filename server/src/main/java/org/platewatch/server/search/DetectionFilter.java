package org.platewatch.server.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.VehicleDescription;

/**
 * A search's criteria as the {@code WHERE} clause over {@code detections d}, with its parameters in order. Every
 * value is a bind parameter; only the shape of the clause depends on the request. Each criterion is written so
 * that PostgreSQL can use the index built for it (V35): the time window prunes day partitions, the plate goes
 * to the btree or to the trigram index on the plate's confusable-class form, the area to the spatial index.
 */
record DetectionFilter(String where, List<Object> params, boolean genericPlan) {

    /** The plate with every confusable character mapped to its class; the same expression as the index in V35. */
    static final String CANONICAL_PLATE = "translate(d.plate, 'ODQILBSZG', '000118526')";

    DetectionFilter {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /**
     * Whether PostgreSQL should plan this search once per connection (a generic plan) or afresh for its values (a
     * custom plan), as measured at 50 million detections (docs/benchmarks.md). Planning a query over a year of
     * day partitions afresh takes some 60-100 ms, more than a plate's lookup then takes, so a search without a
     * time window that names a full plate, or a partial one with a known beginning or end (a btree range), is
     * planned generically. A time window is better planned for its values: the planner then leaves out every day
     * outside it, which makes planning cheap, and a generic plan picked worse indexes for a canvass. A partial
     * plate known only in its middle goes to the trigram index, whose lookups the planner needs the pattern for.
     * A full plate reads only the days {@link PlateDays} lists, which a custom plan leaves the rest of the year out
     * for.
     */
    static boolean prefersGenericPlan(SearchCriteria c) {
        if ((c.from() != null && c.to() != null) || !c.hasPlate() || PlateDays.serves(c)) {
            return false;
        }
        if (!c.partialPlate()) {
            return true;
        }
        return KnownEnds.of(c.canonicalPlate()).rangeable();
    }

    /**
     * Whether the search's results are found by their keys in the canonical plate's covering index (V86) before
     * any table row is read: a partial plate with a known beginning, and nothing beside it that the index does not
     * hold (a state and a time window it does; an area, a camera or a vehicle it does not).
     */
    static boolean answeredByPlateKeys(SearchCriteria c) {
        if (!c.hasPlate()
                || !c.partialPlate()
                || c.area() != null
                || !c.cameras().isEmpty()
                || c.vehicle().attributeCount() > 0) {
            return false;
        }
        KnownEnds ends = KnownEnds.of(c.canonicalPlate());
        return ends.rangeable() && ends.fromTheStart();
    }

    /**
     * A partial plate's known beginning and its known end (reversed, as the reverse index reads it), each up to the
     * first wildcard from its side.
     */
    record KnownEnds(String prefix, String reversedSuffix) {

        static KnownEnds of(String pattern) {
            return new KnownEnds(
                    literalPrefix(pattern),
                    literalPrefix(new StringBuilder(pattern).reverse().toString()));
        }

        /** Whether a btree range on one end beats the trigram index. */
        boolean rangeable() {
            return Math.max(prefix.length(), reversedSuffix.length()) >= MIN_RANGE_LITERALS;
        }

        /** Whether the range is on the beginning (the canonical form) rather than the end (its reverse). */
        boolean fromTheStart() {
            return prefix.length() >= reversedSuffix.length();
        }
    }

    /** The detections a search finds: those matching its criteria, received by {@code snapshot}. */
    static DetectionFilter of(SearchCriteria c, Instant snapshot) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        clauses.add("d.received_at <= ?");
        params.add(utc(snapshot));
        if (c.hasPlate()) {
            plate(c, clauses, params);
        }
        if (c.state() != null) {
            clauses.add("d.state = ?");
            params.add(c.state());
        }
        if (c.from() != null) {
            clauses.add("d.captured_at >= ?");
            params.add(utc(c.from()));
        }
        if (c.to() != null) {
            clauses.add("d.captured_at < ?");
            params.add(utc(c.to()));
        }
        if (c.area() != null) {
            area(c.area(), clauses, params);
        }
        if (!c.cameras().isEmpty()) {
            clauses.add("d.device_id IN ("
                    + String.join(", ", Collections.nCopies(c.cameras().size(), "?")) + ")");
            params.addAll(c.cameras());
        }
        vehicle("d.vehicle_make", c.vehicle().make(), clauses, params);
        vehicle("d.vehicle_model", c.vehicle().model(), clauses, params);
        vehicle("d.vehicle_color", c.vehicle().color(), clauses, params);
        return new DetectionFilter(String.join("\n  AND ", clauses), params, prefersGenericPlan(c));
    }

    /** This filter narrowed to one read: is it among the search's results? */
    DetectionFilter andRead(UUID readId) {
        List<Object> more = new ArrayList<>(params);
        more.add(readId);
        return new DetectionFilter(where + "\n  AND d.read_id = ?", more, genericPlan);
    }

    /** This filter narrowed to the results after a page's last one, newest first. */
    DetectionFilter after(SearchCursor cursor) {
        if (cursor == null) {
            return this;
        }
        List<Object> more = new ArrayList<>(params);
        more.add(utc(cursor.capturedAt()));
        more.add(cursor.readId());
        return new DetectionFilter(where + "\n  AND (d.captured_at, d.read_id) < (?, ?)", more, genericPlan);
    }

    /**
     * This filter narrowed to the given UTC days (any order): a range of capture times per run of consecutive days,
     * which a custom plan prunes every other day partition for.
     */
    DetectionFilter onDays(Collection<LocalDate> days) {
        List<LocalDate> sorted = days.stream().sorted().toList();
        List<String> ranges = new ArrayList<>();
        List<Object> more = new ArrayList<>(params);
        int i = 0;
        while (i < sorted.size()) {
            LocalDate first = sorted.get(i);
            LocalDate last = first;
            while (i + 1 < sorted.size() && sorted.get(i + 1).equals(last.plusDays(1))) {
                last = sorted.get(++i);
            }
            i++;
            ranges.add("(d.captured_at >= ? AND d.captured_at < ?)");
            more.add(first.atStartOfDay().atOffset(ZoneOffset.UTC));
            more.add(last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no days to narrow the search to");
        }
        return new DetectionFilter(where + "\n  AND (" + String.join(" OR ", ranges) + ")", more, false);
    }

    private static void plate(SearchCriteria c, List<String> clauses, List<Object> params) {
        if (!c.partialPlate()) {
            clauses.add(c.confusable() ? CANONICAL_PLATE + " = ?" : "d.plate = ?");
            params.add(c.confusable() ? c.canonicalPlate() : c.plate());
            return;
        }
        String canonical = c.canonicalPlate();
        KnownEnds ends = KnownEnds.of(canonical);
        if (ends.rangeable()) {
            // A known beginning or end is a range of the btree on the canonical form or on its reverse (V36),
            // bound as parameters so that a generic plan still uses it; the pattern itself is then a filter,
            // written so that it cannot be taken for the trigram index ("|| ''"), whose long posting lists
            // made these searches slow.
            String column = ends.fromTheStart() ? CANONICAL_PLATE : "reverse(" + CANONICAL_PLATE + ")";
            String start = ends.fromTheStart() ? ends.prefix() : ends.reversedSuffix();
            clauses.add(column + " ~>=~ ? AND " + column + " ~<~ ?");
            params.add(start);
            params.add(successor(start));
            clauses.add("(" + CANONICAL_PLATE + " || '') LIKE ?");
        } else {
            // Only a middle is known (*ABC*): the trigram index on the canonical form finds it.
            clauses.add(CANONICAL_PLATE + " LIKE ?");
        }
        params.add(PlatePattern.toSqlLike(canonical));
        if (!c.confusable()) {
            clauses.add("d.plate LIKE ?");
            params.add(PlatePattern.toSqlLike(c.plate()));
        }
    }

    /** Known characters at either end that make a btree range worth more than the trigram index. */
    static final int MIN_RANGE_LITERALS = 2;

    /** The characters before the pattern's first wildcard. */
    static String literalPrefix(String pattern) {
        int i = 0;
        while (i < pattern.length() && pattern.charAt(i) != '?' && pattern.charAt(i) != '*') {
            i++;
        }
        return pattern.substring(0, i);
    }

    /**
     * The smallest string after every string that starts with {@code prefix}, in byte order (text_pattern_ops):
     * the last character plus one. Plate characters are ASCII letters and digits, so it never overflows.
     */
    static String successor(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static void area(SearchArea area, List<String> clauses, List<Object> params) {
        SearchArea.Box box = area.box();
        clauses.add("d.location <@ box(point(?, ?), point(?, ?))");
        params.addAll(List.of(box.west(), box.south(), box.east(), box.north()));
        if (area instanceof SearchArea.Circle circle) {
            // Haversine on the point's (longitude, latitude), as SearchArea.metersBetween computes it.
            clauses.add("2 * " + SearchArea.EARTH_RADIUS_METERS + " * asin(least(1, sqrt("
                    + "power(sin(radians(d.location[1] - ?) / 2), 2)"
                    + " + cos(radians(?)) * cos(radians(d.location[1]))"
                    + " * power(sin(radians(d.location[0] - ?) / 2), 2)))) <= ?");
            params.addAll(List.of(circle.latitude(), circle.latitude(), circle.longitude(), circle.radiusMeters()));
        } else if (area instanceof SearchArea.Polygon polygon) {
            clauses.add("d.location <@ CAST(? AS polygon)");
            params.add(polygon.asSqlPolygon());
        }
    }

    private static void vehicle(String column, String value, List<String> clauses, List<Object> params) {
        if (VehicleDescription.given(value)) {
            clauses.add("upper(" + column + ") = ?");
            params.add(VehicleDescription.normal(value));
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
