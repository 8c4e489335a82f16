package org.platewatch.server.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the access log by member, time and action. Reading it is itself an audited access (the controller records it). */
@Service
class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of the matching records with ids up to {@code upToId}, newest first. Reading the log
     * adds to it (every read is audited), so an auditor's pages are all cut from the log as it was at
     * the first page: otherwise each page view would push the last row of a page onto the next.
     */
    Page find(Filter filter, long upToId, int page, int size) {
        Where where = where(filter);
        String bounded = (where.sql().isEmpty() ? " WHERE" : where.sql() + " AND") + " id <= ?";
        List<Object> params = new ArrayList<>(where.params());
        params.add(upToId);
        long total = jdbc.sql("SELECT count(*) FROM audit_events" + bounded)
                .params(params)
                .query(Long.class)
                .single();
        params.add(size);
        params.add((long) page * size);
        List<StoredEvent> events = jdbc.sql(SELECT + bounded + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query(AuditTrail::map)
                .list();
        return new Page(page, size, total, upToId, events);
    }

    long count(Filter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT count(*) FROM audit_events" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /**
     * Every matching event with an id up to {@code upToId}, oldest first, read {@code batch} rows per
     * query. Each query is its own short statement, so no connection or transaction is held while
     * {@code each} writes to a slow client. The log is append-only and ids are handed out under the
     * chain lock, so bounding by an id taken when the export was recorded gives a consistent snapshot.
     */
    int forEach(Filter filter, long upToId, int batch, Consumer<StoredEvent> each) {
        Where where = where(filter);
        String sql = SELECT + (where.sql().isEmpty() ? " WHERE" : where.sql() + " AND")
                + " id > ? AND id <= ? ORDER BY id LIMIT ?";
        long after = 0;
        int n = 0;
        while (true) {
            List<Object> params = new ArrayList<>(where.params());
            params.add(after);
            params.add(upToId);
            params.add(batch);
            List<StoredEvent> rows =
                    jdbc.sql(sql).params(params).query(AuditTrail::map).list();
            rows.forEach(each);
            n += rows.size();
            if (rows.size() < batch) {
                return n;
            }
            after = rows.get(rows.size() - 1).id();
        }
    }

    /** The newest record's id (0 when the log is empty); inside the recording transaction, that record's. */
    long lastId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_events")
                .query(Long.class)
                .single();
    }

    private static final String SELECT = """
            SELECT id, occurred_at, username, full_name, action, subject, terms, purpose, case_number, result_count,
                   client_address, hash
            FROM audit_events""";

    private static Where where(Filter f) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (f.user() != null) {
            sql.append(" AND username = ?");
            params.add(f.user());
        }
        if (f.action() != null) {
            if (f.action().endsWith("*")) {
                sql.append(" AND action LIKE ?");
                params.add(f.action()
                                .substring(0, f.action().length() - 1)
                                .replace("%", "\\%")
                                .replace("_", "\\_") + "%");
            } else {
                sql.append(" AND action = ?");
                params.add(f.action());
            }
        }
        if (f.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        return new Where(sql.isEmpty() ? "" : " WHERE " + sql.substring(5), params);
    }

    private static StoredEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredEvent(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("username"),
                rs.getString("full_name"),
                rs.getString("action"),
                rs.getString("subject"),
                rs.getString("terms"),
                rs.getString("purpose"),
                rs.getString("case_number"),
                (Integer) rs.getObject("result_count"),
                rs.getString("client_address"),
                rs.getString("hash"));
    }

    /** Filters; null means "any". {@code to} is exclusive. An action ending in {@code *} is a prefix. */
    record Filter(String user, Instant from, Instant to, String action) {
        String describe() {
            return "user=" + (user == null ? "" : user) + ", from=" + (from == null ? "" : from) + ", to="
                    + (to == null ? "" : to) + ", action=" + (action == null ? "" : action);
        }
    }

    /** {@code upTo}: the newest record id the pages are cut from; pass it back for the next pages. */
    record Page(int page, int size, long total, long upTo, List<StoredEvent> events) {}

    /** One audit record as read back. */
    record StoredEvent(
            long id,
            Instant occurredAt,
            String username,
            String fullName,
            String action,
            String subject,
            String terms,
            String purpose,
            String caseNumber,
            Integer resultCount,
            String clientAddress,
            String hash) {}

    private record Where(String sql, List<Object> params) {}
}
