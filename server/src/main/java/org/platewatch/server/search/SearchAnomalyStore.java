package org.platewatch.server.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the search review over the {@code searches} table. Every request counts, whatever became of it (ran,
 * waiting, approved, refused approval): asking is already the access the review is about. Each query reads the
 * window {@code [from, to]} by {@code searches_requested_idx}; the grouping happens here, the judging in {@link
 * SearchAnomalies}.
 */
@Repository
class SearchAnomalyStore {

    /**
     * A reason as the review compares it: lower case, each run of anything but letters and digits one space, no
     * space at either end ("Follow-up." and "follow up" are the same).
     */
    static final String REASON_KEY = "btrim(regexp_replace(lower(reason), '[^[:alnum:]]+', ' ', 'g'))";

    private static final String COLUMNS = "id, requested_by, requested_by_name, requested_at, case_number";

    private final JdbcClient jdbc;

    SearchAnomalyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A search as the review reads it.
     *
     * @param key what the search is grouped by: its plate pattern, or its normalised reason
     */
    record Row(
            UUID id, String requestedBy, String requestedByName, Instant requestedAt, String caseNumber, String key) {}

    /** How many searches a member made in one hour of the day (0-23, in the department's zone). */
    record HourCount(String requestedBy, int hour, int count) {}

    /**
     * The searches of each member and plate pattern that the member searched under at least {@code minCases}
     * different case numbers (compared without regard to case or surrounding spaces), by member and plate.
     */
    List<Row> samePlateManyCases(Instant from, Instant to, int minCases) {
        return jdbc.sql("""
                        WITH windowed AS (
                            SELECT %s, plate_pattern AS key, upper(btrim(case_number)) AS case_key
                            FROM searches
                            WHERE requested_at >= ? AND requested_at <= ?
                              AND plate_pattern IS NOT NULL AND case_number IS NOT NULL
                        ), flagged AS (
                            SELECT requested_by, key FROM windowed
                            GROUP BY requested_by, key HAVING count(DISTINCT case_key) >= ?
                        )
                        SELECT w.* FROM windowed w JOIN flagged f USING (requested_by, key)
                        ORDER BY requested_by, key, requested_at, id
                        """.formatted(COLUMNS))
                .params(utc(from), utc(to), minCases)
                .query(SearchAnomalyStore::row)
                .list();
    }

    /**
     * The searches of each normalised reason given at least {@code minSearches} times that is vague: shorter than
     * {@code shorterThan} characters, or matching {@code generalWords} (a regular expression over the whole
     * normalised reason). By reason, then time.
     */
    List<Row> sameVagueReason(Instant from, Instant to, int minSearches, int shorterThan, String generalWords) {
        return jdbc.sql("""
                        WITH windowed AS (
                            SELECT %s, %s AS key FROM searches WHERE requested_at >= ? AND requested_at <= ?
                        ), flagged AS (
                            SELECT key FROM windowed WHERE length(key) < ? OR key ~ ?
                            GROUP BY key HAVING count(*) >= ?
                        )
                        SELECT w.* FROM windowed w JOIN flagged f USING (key)
                        ORDER BY key, requested_at, id
                        """.formatted(COLUMNS, REASON_KEY))
                .params(utc(from), utc(to), shorterThan, generalWords, minSearches)
                .query(SearchAnomalyStore::row)
                .list();
    }

    /** Each member's searches in the window by hour of the day in {@code zone}; a member's total is their sum. */
    List<HourCount> hourCounts(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                        SELECT requested_by, extract(hour FROM requested_at AT TIME ZONE ?)::int AS hour,
                               count(*)::int AS n
                        FROM searches WHERE requested_at >= ? AND requested_at <= ?
                        GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .params(zone.getId(), utc(from), utc(to))
                .query((rs, n) -> new HourCount(rs.getString("requested_by"), rs.getInt("hour"), rs.getInt("n")))
                .list();
    }

    /** One member's searches in the window, oldest first. */
    List<Row> searchesOf(String username, Instant from, Instant to) {
        return jdbc.sql(
                        "SELECT " + COLUMNS + ", NULL AS key FROM searches"
                                + " WHERE requested_by = ? AND requested_at >= ? AND requested_at <= ? ORDER BY requested_at, id")
                .params(username, utc(from), utc(to))
                .query(SearchAnomalyStore::row)
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("requested_by"),
                rs.getString("requested_by_name"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getString("case_number"),
                rs.getString("key"));
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
