package org.platewatch.server.search;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.HubProperties;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the search feature: the {@code searches} table, and the queries a search runs over detections. */
@Repository
class SearchStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SEARCH_COLUMNS = """
            id, requested_by, requested_by_name, requested_at, case_number, purpose, reason, criteria::text AS criteria,
            status, broad_because, decided_by, decided_at, decision_note, ran_at, result_count""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PlateDays plateDays;
    private final boolean countEachDay;

    SearchStore(JdbcClient jdbc, JdbcTemplate template, PlateDays plateDays, HubProperties hub) {
        this.countEachDay = hub.enabled();
        this.jdbc = jdbc;
        this.template = template;
        this.plateDays = plateDays;
    }

    void insert(StoredSearch s) {
        jdbc.sql("""
                        INSERT INTO searches (id, requested_by, requested_by_name, requested_at, case_number, purpose,
                                              reason, criteria, plate_pattern, terms, status, broad_because, ran_at,
                                              result_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        s.id(),
                        s.requestedBy(),
                        s.requestedByName(),
                        utc(s.requestedAt()),
                        s.caseNumber(),
                        s.purpose().name(),
                        s.reason(),
                        JSON.writeValueAsString(s.criteria()),
                        s.criteria().plate(),
                        s.criteria().terms(),
                        s.status().name(),
                        s.broadBecause().toArray(String[]::new),
                        utc(s.ranAt()),
                        s.resultCount())
                .update();
    }

    Optional<StoredSearch> find(UUID id) {
        return jdbc.sql("SELECT " + SEARCH_COLUMNS + " FROM searches WHERE id = ?")
                .param(id)
                .query(SearchStore::search)
                .optional();
    }

    /** Locks the search's row for the rest of the transaction, so that it runs or is decided once. */
    Optional<StoredSearch> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + SEARCH_COLUMNS + " FROM searches WHERE id = ? FOR UPDATE")
                .param(id)
                .query(SearchStore::search)
                .optional();
    }

    List<StoredSearch> pending() {
        return jdbc.sql("SELECT " + SEARCH_COLUMNS
                        + " FROM searches WHERE status = 'PENDING_APPROVAL' ORDER BY requested_at")
                .query(SearchStore::search)
                .list();
    }

    List<StoredSearch> requestedBy(String username, int limit) {
        return jdbc.sql("SELECT " + SEARCH_COLUMNS
                        + " FROM searches WHERE requested_by = ? ORDER BY requested_at DESC LIMIT ?")
                .params(username, limit)
                .query(SearchStore::search)
                .list();
    }

    void markCompleted(UUID id, Instant ranAt, int count) {
        jdbc.sql("UPDATE searches SET status = 'COMPLETED', ran_at = ?, result_count = ? WHERE id = ?")
                .params(utc(ranAt), count, id)
                .update();
    }

    void decide(UUID id, SearchStatus decision, String by, Instant at, String note) {
        jdbc.sql("""
                        UPDATE searches SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                        WHERE id = ? AND status = 'PENDING_APPROVAL'
                        """).params(decision.name(), by, utc(at), note, id).update();
    }

    /**
     * Sets the rest of the transaction up for the queries over detections: a statement timeout, so that a runaway
     * search (hostile or mistaken) cannot hold the database; and how PostgreSQL plans them ({@link
     * DetectionFilter#prefersGenericPlan}): once per connection and search shape (generic), or for each search's
     * values (custom). And no parallel workers: generic plans over a year of partitions came out parallel, and on
     * two busy cores starting the workers took several times the 20-25 ms of work they shared (a 1 km canvass took
     * 115 ms with them and 16 ms without, at 50 million detections).
     */
    void prepareForSearch(int timeoutSeconds, DetectionFilter filter) {
        jdbc.sql("SELECT set_config('statement_timeout', ?, true), set_config('plan_cache_mode', ?, true),"
                        + " set_config('max_parallel_workers_per_gather', '0', true)")
                .params(timeoutSeconds + "s", filter.genericPlan() ? "force_generic_plan" : "force_custom_plan")
                .query()
                .singleRow();
    }

    /** A search's first page, and how many results it has in all. */
    record FirstPage(int total, List<SearchHit> hits) {}

    /**
     * The first page and the total in one query ({@code count(*) OVER ()} counts every matching row before the
     * limit): over a year of partitions, each query visits every partition's index, so one query instead of a
     * count and a page halves a search's time.
     */
    FirstPage firstPage(UUID searchId, SearchCriteria criteria, DetectionFilter filter, int limit) {
        if (PlateDays.serves(criteria)) {
            List<PlateDays.DayCount> days = plateDays.newestFirst(criteria, null);
            return new FirstPage(
                    totalOver(days, criteria, filter), hitsOverDays(searchId, criteria, filter, days, limit));
        }
        int[] total = {0};
        List<SearchHit> hits = hits(searchId, criteria, filter, limit, true, total);
        return new FirstPage(total[0], hits);
    }

    /**
     * A page of results, newest first, from {@code filter} (which holds the cursor; {@code until} is the cursor's
     * capture time, null on a first page).
     */
    List<SearchHit> page(UUID searchId, SearchCriteria criteria, DetectionFilter filter, Instant until, int limit) {
        if (PlateDays.serves(criteria)) {
            return hitsOverDays(searchId, criteria, filter, plateDays.newestFirst(criteria, until), limit);
        }
        return hits(searchId, criteria, filter, limit, false, new int[1]);
    }

    /**
     * A full plate's total from its day counts: whole days as counted, and a day the window covers only in part
     * counted from its partition.
     */
    private int totalOver(List<PlateDays.DayCount> days, SearchCriteria criteria, DetectionFilter filter) {
        long total = 0;
        List<LocalDate> partDays = new ArrayList<>();
        for (PlateDays.DayCount d : days) {
            // A hub's plate_days count every agency's reads: there each day is counted through row-level security.
            if (countEachDay || PlateDays.partlyInWindow(d.day(), criteria)) {
                partDays.add(d.day());
            } else {
                total += d.reads();
            }
        }
        if (!partDays.isEmpty()) {
            DetectionFilter part = filter.onDays(partDays);
            total += generic(
                            "SELECT count(*) FROM detections d WHERE " + part.where(),
                            part.params(),
                            (rs, n) -> rs.getLong(1))
                    .get(0);
        }
        return Math.toIntExact(total);
    }

    /**
     * A full plate's page: the newest of its days whose counts fill the page, read as one query over just those
     * partitions; then older days, if a day held fewer results than counted (reads received after the search
     * ran, or beyond a later page's cursor).
     */
    private List<SearchHit> hitsOverDays(
            UUID searchId, SearchCriteria criteria, DetectionFilter filter, List<PlateDays.DayCount> days, int limit) {
        List<SearchHit> hits = new ArrayList<>();
        int next = 0;
        while (hits.size() < limit && next < days.size()) {
            int wanted = limit - hits.size();
            List<LocalDate> batch = new ArrayList<>();
            long counted = 0;
            while (next < days.size() && counted < wanted) {
                batch.add(days.get(next).day());
                counted += days.get(next).reads();
                next++;
            }
            hits.addAll(hits(searchId, criteria, filter.onDays(batch), wanted, false, new int[1]));
        }
        return hits;
    }

    private List<SearchHit> hits(
            UUID searchId, SearchCriteria criteria, DetectionFilter filter, int limit, boolean counted, int[] total) {
        List<Object> params = new ArrayList<>(filter.params());
        params.add(limit);
        String sql = DetectionFilter.answeredByPlateKeys(criteria)
                ? keysFirst(filter, counted)
                : """
                        SELECT\s""" + HIT_COLUMNS + (counted ? ", count(*) OVER () AS total" : "") + """

                        FROM detections d LEFT JOIN devices dv ON dv.id = d.device_id
                        WHERE\s""" + filter.where() + """

                        ORDER BY d.captured_at DESC, d.read_id DESC
                        LIMIT ?
                        """;
        return generic(sql, params, (rs, n) -> {
            if (counted) {
                total[0] = rs.getInt("total");
            }
            return hit(rs, searchId, criteria);
        });
    }

    private static final String HIT_COLUMNS = """
            d.read_id, d.captured_at, d.plate, d.state, d.confidence, d.location[0] AS longitude,
                   d.location[1] AS latitude, d.heading_degrees, d.device_id, dv.name AS camera_name,
                   d.vehicle_make, d.vehicle_model, d.vehicle_color, d.vehicle_type,
                   d.image_sha256 IS NOT NULL AS has_image""";

    /**
     * A partial plate with a known beginning, in two steps ({@link DetectionFilter#answeredByPlateKeys}): the
     * results' keys and their total from the canonical plate's covering index alone (V86: an index-only scan, no
     * table page read for the thousands of reads the range holds and the pattern rejects), then the table's rows
     * for the page's keys only, each from its own day's partition (a lateral look-up with a limit, so that the
     * planner keeps it a nested loop that prunes to one partition per key: as a plain join it hashed k and read
     * every partition of the year).
     */
    private static String keysFirst(DetectionFilter filter, boolean counted) {
        return """
                WITH k AS MATERIALIZED (
                    SELECT d.captured_at, d.read_id\s""" + (counted ? ", count(*) OVER () AS total" : "") + """

                    FROM detections d
                    WHERE\s""" + filter.where() + """

                    ORDER BY d.captured_at DESC, d.read_id DESC
                    LIMIT ?)
                SELECT\s""" + HIT_COLUMNS
                + (counted ? ", k.total" : "") + """

                FROM k CROSS JOIN LATERAL (
                    SELECT * FROM detections x WHERE x.read_id = k.read_id AND x.captured_at = k.captured_at LIMIT 1) d
                LEFT JOIN devices dv ON dv.id = d.device_id
                ORDER BY d.captured_at DESC, d.read_id DESC
                """;
    }

    /** The stored image of a read, when the read is among the filter's results. */
    Optional<String> imageOf(DetectionFilter filter) {
        return generic(
                        "SELECT d.image_sha256 FROM detections d WHERE " + filter.where()
                                + " AND d.image_sha256 IS NOT NULL",
                        filter.params(),
                        (rs, n) -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /**
     * Runs a query over detections as a server-side prepared statement from its first run, so that, where {@link
     * #prepareForSearch} asks for generic plans, PostgreSQL plans each search shape once per connection.
     */
    private <T> List<T> generic(String sql, List<Object> params, RowMapper<T> mapper) {
        return template.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement(sql);
                    ps.unwrap(PGStatement.class).setPrepareThreshold(1);
                    new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
                    return ps;
                },
                mapper);
    }

    private static SearchHit hit(ResultSet rs, UUID searchId, SearchCriteria criteria) throws SQLException {
        UUID readId = rs.getObject("read_id", UUID.class);
        String plate = rs.getString("plate");
        double heading = rs.getDouble("heading_degrees");
        Double headingOrNull = rs.wasNull() ? null : heading;
        return new SearchHit(
                readId,
                rs.getObject("captured_at", OffsetDateTime.class).toInstant(),
                plate,
                rs.getString("state"),
                // a real column: its float read as the decimal it was written as (0.78, not 0.7799999713897705)
                Double.parseDouble(Float.toString(rs.getFloat("confidence"))),
                rs.getDouble("latitude"),
                rs.getDouble("longitude"),
                headingOrNull,
                rs.getObject("device_id", UUID.class),
                rs.getString("camera_name"),
                new VehicleDescription(
                        rs.getString("vehicle_make"),
                        rs.getString("vehicle_model"),
                        rs.getString("vehicle_color"),
                        rs.getString("vehicle_type")),
                criteria.confusable() && criteria.isLookAlike(plate),
                rs.getBoolean("has_image") ? "/api/v1/searches/" + searchId + "/results/" + readId + "/image" : null);
    }

    private static StoredSearch search(ResultSet rs, int row) throws SQLException {
        Array broad = rs.getArray("broad_because");
        int count = rs.getInt("result_count");
        Integer resultCount = rs.wasNull() ? null : count;
        return new StoredSearch(
                rs.getObject("id", UUID.class),
                rs.getString("requested_by"),
                rs.getString("requested_by_name"),
                instant(rs.getTimestamp("requested_at")),
                rs.getString("case_number"),
                SearchPurpose.valueOf(rs.getString("purpose")),
                rs.getString("reason"),
                JSON.readValue(rs.getString("criteria"), SearchCriteria.class),
                SearchStatus.valueOf(rs.getString("status")),
                broad == null ? List.of() : Arrays.asList((String[]) broad.getArray()),
                rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("decision_note"),
                instant(rs.getTimestamp("ran_at")),
                resultCount);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
