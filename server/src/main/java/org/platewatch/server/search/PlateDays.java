package org.platewatch.server.search;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which UTC days a plate was read on, and how often: the {@code plate_days} table (V54), which triggers on
 * {@code detections} keep in step with every insert, correction and delete. A search for a full plate reads it
 * first, and then only the day partitions that can hold its results, newest first, as many as fill its page;
 * without it, each such search opened every partition of the year (docs/architecture.md, "Search").
 */
@Repository
class PlateDays {

    /** Reads of one plate on one UTC day (every issuing state the search allows, together). */
    record DayCount(LocalDate day, long reads) {}

    private final JdbcClient jdbc;

    PlateDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether a search is answered through the plate's days: a full plate (no wildcard, no look-alikes), with at
     * most a state and a time window beside it. There the day counts give the total too; a camera, an area or a
     * vehicle would need every listed day read to count, so such searches take the ordinary path.
     */
    static boolean serves(SearchCriteria c) {
        return c.hasPlate()
                && !c.partialPlate()
                && !c.confusable()
                && c.area() == null
                && c.cameras().isEmpty()
                && c.vehicle().attributeCount() == 0;
    }

    /**
     * The days within the search's window on which its plate was read, newest first; with {@code until}, only
     * days up to that instant's day (a later page starts within it).
     */
    List<DayCount> newestFirst(SearchCriteria c, Instant until) {
        // A purged day's counts stay until their month's partition goes (V66); the search leaves them out.
        StringBuilder sql = new StringBuilder("SELECT day, sum(reads) AS reads FROM plate_days p WHERE plate = ?"
                + " AND NOT EXISTS (SELECT 1 FROM plate_days_purged x WHERE x.day = p.day)");
        List<Object> params = new ArrayList<>(List.of(c.plate()));
        if (c.state() != null) {
            sql.append(" AND state = ?");
            params.add(c.state());
        }
        if (c.from() != null) {
            sql.append(" AND day >= ?");
            params.add(Date.valueOf(day(c.from())));
        }
        Instant last = c.to() == null ? until : earlier(c.to().minusNanos(1), until);
        if (last != null) {
            sql.append(" AND day <= ?");
            params.add(Date.valueOf(day(last)));
        }
        sql.append(" GROUP BY day ORDER BY day DESC");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new DayCount(rs.getDate("day").toLocalDate(), rs.getLong("reads")))
                .list();
    }

    /** Whether the search's window covers only part of the day, so that the day's count is not all results. */
    static boolean partlyInWindow(LocalDate day, SearchCriteria c) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(1, ChronoUnit.DAYS);
        return (c.from() != null && c.from().isAfter(start)) || (c.to() != null && c.to().isBefore(end));
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant earlier(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }
}
