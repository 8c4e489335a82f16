package org.platewatch.server.hotlist;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.policy.HotlistSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the hot-list tables. Callers own the transactions. */
@Repository
class HotlistStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String LIST_COLUMNS = """
            h.id, h.code, h.name, h.source_kind, h.format, h.location, h.column_mapping, h.designated_by,
            h.designated_at, h.active, h.as_of, h.loaded_at, h.last_error,
            (SELECT count(*) FROM hotlist_entries e WHERE e.hotlist_id = h.id AND e.status = 'ACTIVE') AS entries
            """;

    static final String ENTRY_SELECT = """
            SELECT e.*, h.code AS list_code, h.name AS list_name, h.as_of AS list_as_of
            FROM hotlist_entries e JOIN hotlists h ON h.id = e.hotlist_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    HotlistStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    long insertList(
            String code,
            String name,
            HotlistSource kind,
            HotlistFormat format,
            String location,
            Map<String, String> mapping,
            String by,
            Instant at) {
        return jdbc.sql("""
                        INSERT INTO hotlists (code, name, source_kind, format, location, column_mapping, designated_by,
                                              designated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        code,
                        name,
                        kind.name(),
                        format.name(),
                        location,
                        mapping == null || mapping.isEmpty() ? null : JSON.writeValueAsString(mapping),
                        by,
                        Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    List<Hotlist> lists() {
        return jdbc.sql("SELECT " + LIST_COLUMNS + " FROM hotlists h ORDER BY h.code")
                .query(HotlistStore::mapList)
                .list();
    }

    Optional<Hotlist> list(long id) {
        return jdbc.sql("SELECT " + LIST_COLUMNS + " FROM hotlists h WHERE h.id = ?")
                .param(id)
                .query(HotlistStore::mapList)
                .optional();
    }

    /** The list's source kind alone (no entry count): asked for every alert shown. */
    Optional<HotlistSource> sourceKind(long id) {
        return jdbc.sql("SELECT source_kind FROM hotlists WHERE id = ?")
                .param(id)
                .query((rs, n) -> HotlistSource.valueOf(rs.getString("source_kind")))
                .optional();
    }

    Optional<Hotlist> listByCode(String code) {
        return jdbc.sql("SELECT " + LIST_COLUMNS + " FROM hotlists h WHERE h.code = ?")
                .param(code)
                .query(HotlistStore::mapList)
                .optional();
    }

    /** Serialises imports of one list: the second waits for the first to commit. */
    void lockList(long id) {
        jdbc.sql("SELECT id FROM hotlists WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Long.class)
                .single();
    }

    long insertImport(
            long listId,
            Instant at,
            String outcome,
            int records,
            int loaded,
            int dropped,
            Integer errorLine,
            String errorReason,
            String sha256,
            String by) {
        return jdbc.sql("""
                        INSERT INTO hotlist_imports (hotlist_id, started_at, outcome, records, loaded,
                                                     dropped_immigration, error_line, error_reason, content_sha256,
                                                     imported_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        listId,
                        Timestamp.from(at),
                        outcome,
                        records,
                        loaded,
                        dropped,
                        errorLine,
                        errorReason,
                        sha256,
                        by)
                .query(Long.class)
                .single();
    }

    void replaceEntries(long listId, long importId, List<ImportedRecord> records) {
        jdbc.sql("DELETE FROM hotlist_entries WHERE hotlist_id = ?")
                .param(listId)
                .update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO hotlist_entries (hotlist_id, import_id, plate, state, list_type, reason, vehicle_make,
                                             vehicle_model, vehicle_color, entering_agency, case_number, county_code,
                                             date_of_loss, expires_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')
                """, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ImportedRecord r = records.get(i);
                ps.setLong(1, listId);
                ps.setLong(2, importId);
                ps.setString(3, r.plate());
                ps.setString(4, r.state());
                ps.setString(5, r.listType());
                ps.setString(6, r.reason());
                ps.setString(7, r.make());
                ps.setString(8, r.model());
                ps.setString(9, r.color());
                ps.setString(10, r.enteringAgency());
                ps.setString(11, r.caseNumber());
                ps.setString(12, r.countyCode());
                if (r.dateOfLoss() == null) {
                    ps.setNull(13, Types.DATE);
                } else {
                    ps.setObject(13, r.dateOfLoss());
                }
                if (r.expiresAt() == null) {
                    ps.setNull(14, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(14, Timestamp.from(r.expiresAt()));
                }
            }

            @Override
            public int getBatchSize() {
                return records.size();
            }
        });
    }

    void markLoaded(long listId, Instant asOf, Instant loadedAt) {
        jdbc.sql("UPDATE hotlists SET as_of = ?, loaded_at = ?, last_error = NULL WHERE id = ?")
                .params(Timestamp.from(asOf), Timestamp.from(loadedAt), listId)
                .update();
    }

    void markError(long listId, String error) {
        jdbc.sql("UPDATE hotlists SET last_error = ? WHERE id = ?")
                .params(error, listId)
                .update();
    }

    /** The entries the matcher uses: active lists, approved entries, not yet expired. */
    List<ActiveEntry> activeEntries(Instant now) {
        return jdbc.sql("""
                        SELECT e.id, h.code, e.plate, e.state, e.vehicle_make, e.vehicle_model, e.vehicle_color,
                               e.reason, e.expires_at, e.agency_id
                        FROM hotlist_entries e JOIN hotlists h ON h.id = e.hotlist_id
                        WHERE h.active AND e.status = 'ACTIVE' AND (e.expires_at IS NULL OR e.expires_at > ?)
                        """)
                .param(Timestamp.from(now))
                .query((rs, n) -> {
                    Timestamp expires = rs.getTimestamp("expires_at");
                    int agencyId = rs.getInt("agency_id");
                    AgencyId agency = rs.wasNull() ? null : new AgencyId(agencyId);
                    return new ActiveEntry(
                            rs.getLong("id"),
                            rs.getString("code"),
                            rs.getString("plate"),
                            rs.getString("state"),
                            rs.getString("vehicle_make"),
                            rs.getString("vehicle_model"),
                            rs.getString("vehicle_color"),
                            rs.getString("reason"),
                            expires == null ? null : expires.toInstant(),
                            agency);
                })
                .list();
    }

    Optional<HotlistEntryView> entry(long id) {
        return jdbc.sql(ENTRY_SELECT + " WHERE e.id = ?")
                .param(id)
                .query(HotlistStore::mapEntry)
                .optional();
    }

    List<HotlistEntryView> entries(long listId, String plateOrNull, int limit) {
        if (plateOrNull == null) {
            return jdbc.sql(ENTRY_SELECT + " WHERE e.hotlist_id = ? ORDER BY e.id LIMIT ?")
                    .params(listId, limit)
                    .query(HotlistStore::mapEntry)
                    .list();
        }
        return jdbc.sql(ENTRY_SELECT + " WHERE e.hotlist_id = ? AND e.plate = ? ORDER BY e.id LIMIT ?")
                .params(listId, plateOrNull, limit)
                .query(HotlistStore::mapEntry)
                .list();
    }

    /** An entry in force; {@code agency} is the owner of a custom entry, null for an entry of a hub-wide list. */
    record ActiveEntry(
            long id,
            String listCode,
            String plate,
            String state,
            String make,
            String model,
            String color,
            String reason,
            Instant expiresAt,
            AgencyId agency) {}

    static Map<String, String> parseMapping(String json) {
        if (json == null) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    }

    private static Hotlist mapList(ResultSet rs, int row) throws SQLException {
        return new Hotlist(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                HotlistSource.valueOf(rs.getString("source_kind")),
                rs.getString("format"),
                rs.getString("location"),
                parseMapping(rs.getString("column_mapping")),
                rs.getString("designated_by"),
                instant(rs, "designated_at"),
                rs.getBoolean("active"),
                instant(rs, "as_of"),
                instant(rs, "loaded_at"),
                rs.getString("last_error"),
                rs.getLong("entries"));
    }

    static HotlistEntryView mapEntry(ResultSet rs, int row) throws SQLException {
        java.sql.Date loss = rs.getDate("date_of_loss");
        return new HotlistEntryView(
                rs.getLong("id"),
                rs.getLong("hotlist_id"),
                rs.getString("list_code"),
                // a vehicle-only custom entry is stored with an empty plate: shown as none
                rs.getString("list_name"),
                emptyToNull(rs.getString("plate")),
                trimOrNull(rs.getString("state")),
                rs.getString("list_type"),
                rs.getString("reason"),
                rs.getString("vehicle_make"),
                rs.getString("vehicle_model"),
                rs.getString("vehicle_color"),
                rs.getString("entering_agency"),
                rs.getString("case_number"),
                rs.getString("county_code"),
                loss == null ? null : loss.toLocalDate(),
                instant(rs, "expires_at"),
                rs.getString("status"),
                rs.getString("synopsis"),
                rs.getString("entered_by"),
                instant(rs, "entered_at"),
                rs.getString("approved_by"),
                instant(rs, "approved_at"),
                rs.getString("proposed_change"),
                rs.getString("proposed_by"),
                instant(rs, "proposed_at"),
                instant(rs, "list_as_of"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String trimOrNull(String s) {
        return s == null ? null : s.trim();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
