package org.platewatch.server.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the regional-centre feeds: their settings and mark, the batches on file, the reads still to send. */
@Repository
class FeedStore {

    private static final String FEED = """
            SELECT agreement_id, ingest_url, credential_sealed, scope, starts_from, active, sent_received_at,
                   sent_read_id, reads_sent, last_error, last_error_at, configured_by, configured_at, changed_by,
                   changed_at FROM sharing_feeds""";
    private static final String BATCH = """
            SELECT agreement_id, batch_number, first_read_id, last_read_id, reads, sent_at, http_status, attempts,
                   outcome, accepted, duplicates, detail FROM sharing_feed_batches""";
    /** Before any receipt: where a feed that has sent nothing starts. */
    private static final Timestamp NO_MARK_TIME = Timestamp.from(Instant.EPOCH);

    private static final UUID NO_MARK_ID = new UUID(0, 0);

    /**
     * The reads after the feed's mark, in receipt order, each found through its receipt (one day partition). A read
     * the purge removed has no receipt and no detection, so it is not sent; a held read lives outside the day
     * partitions and is not sent either. Hits are the reads that raised an alert.
     */
    private static final String AFTER_MARK = """
            FROM read_receipts r
            JOIN detections d ON d.read_id = r.read_id AND d.captured_at = r.captured_at
            WHERE (r.received_at, r.read_id) > (?, ?)
              AND r.received_at <= ?
              AND r.captured_at >= ?
              AND r.captured_at < ?
              AND (? = 'ALL_DETECTIONS' OR EXISTS (SELECT 1 FROM alerts a WHERE a.read_id = r.read_id))""";

    private final JdbcClient jdbc;

    FeedStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Feed> feed(long agreementId) {
        return jdbc.sql(FEED + " WHERE agreement_id = ?")
                .param(agreementId)
                .query(FeedStore::feed)
                .optional();
    }

    /** The feed, locked until the transaction ends: one recording or settings change at a time. */
    Optional<Feed> feedForUpdate(long agreementId) {
        return jdbc.sql(FEED + " WHERE agreement_id = ? FOR UPDATE")
                .param(agreementId)
                .query(FeedStore::feed)
                .optional();
    }

    List<Long> activeFeeds() {
        return jdbc.sql("SELECT agreement_id FROM sharing_feeds WHERE active ORDER BY agreement_id")
                .query(Long.class)
                .list();
    }

    void insert(long agreementId, Settings s, String sealedCredential, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO sharing_feeds (agreement_id, ingest_url, credential_sealed, scope, starts_from,
                                                   active, configured_by, configured_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        agreementId,
                        s.ingestUrl(),
                        sealedCredential,
                        s.scope().name(),
                        Timestamp.from(s.startsFrom()),
                        s.active(),
                        by,
                        Timestamp.from(at))
                .update();
    }

    void change(long agreementId, Settings s, String sealedCredential, String by, Instant at) {
        jdbc.sql("""
                        UPDATE sharing_feeds SET ingest_url = ?, credential_sealed = ?, scope = ?, starts_from = ?,
                                                 active = ?, changed_by = ?, changed_at = ?
                        WHERE agreement_id = ?""")
                .params(
                        s.ingestUrl(),
                        sealedCredential,
                        s.scope().name(),
                        Timestamp.from(s.startsFrom()),
                        s.active(),
                        by,
                        Timestamp.from(at),
                        agreementId)
                .update();
    }

    /** The checked settings of a feed, as the store writes them. */
    record Settings(String ingestUrl, Feed.FeedScope scope, Instant startsFrom, boolean active) {}

    /** Which reads a round may send: received by {@code settledBefore}, captured in {@code [from, until)}. */
    record Window(Instant settledBefore, Instant from, Instant until) {}

    List<FeedRead> nextReads(Feed feed, Window w, int limit) {
        return jdbc.sql("""
                        SELECT r.read_id, r.received_at, d.plate, d.state, d.confidence, d.captured_at,
                               d.location[1] AS latitude, d.location[0] AS longitude, d.heading_degrees,
                               d.vehicle_make, d.vehicle_model, d.vehicle_color, d.vehicle_type
                        """ + AFTER_MARK + " ORDER BY r.received_at, r.read_id LIMIT ?")
                .params(afterMark(feed, w, limit))
                .query(FeedStore::read)
                .list();
    }

    /** How many reads wait, counted up to {@code cap} (a long backlog is "more than"). */
    long backlog(Feed feed, Window w, int cap) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 " + AFTER_MARK + " LIMIT ?) waiting")
                .params(afterMark(feed, w, cap))
                .query(Long.class)
                .single();
    }

    /** The parameters of {@link #AFTER_MARK}, then {@code limit}. */
    private static List<Object> afterMark(Feed feed, Window w, int limit) {
        return List.of(
                feed.sentReceivedAt() == null ? NO_MARK_TIME : Timestamp.from(feed.sentReceivedAt()),
                feed.sentReadId() == null ? NO_MARK_ID : feed.sentReadId(),
                Timestamp.from(w.settledBefore()),
                Timestamp.from(w.from()),
                Timestamp.from(w.until()),
                feed.scope().name(),
                limit);
    }

    /** The next batch number; call with the feed locked. */
    int nextBatchNumber(long agreementId) {
        return jdbc.sql("SELECT coalesce(max(batch_number), 0) + 1 FROM sharing_feed_batches WHERE agreement_id = ?")
                .param(agreementId)
                .query(Integer.class)
                .single();
    }

    void record(FeedBatch b) {
        jdbc.sql("""
                        INSERT INTO sharing_feed_batches (agreement_id, batch_number, first_read_id, last_read_id, reads,
                                                          sent_at, http_status, attempts, outcome, accepted,
                                                          duplicates, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        b.agreementId(),
                        b.batchNumber(),
                        b.firstReadId(),
                        b.lastReadId(),
                        b.reads(),
                        Timestamp.from(b.sentAt()),
                        b.httpStatus(),
                        b.attempts(),
                        b.outcome().name(),
                        b.accepted(),
                        b.duplicates(),
                        b.detail())
                .update();
    }

    /** Moves the mark past {@code last} and clears the last error. */
    void moved(long agreementId, FeedRead last, int sent) {
        jdbc.sql("""
                        UPDATE sharing_feeds SET sent_received_at = ?, sent_read_id = ?, reads_sent = reads_sent + ?,
                                                 last_error = NULL, last_error_at = NULL
                        WHERE agreement_id = ?""")
                .params(Timestamp.from(last.receivedAt()), last.readId(), sent, agreementId)
                .update();
    }

    void failed(long agreementId, String error, Instant at) {
        jdbc.sql("UPDATE sharing_feeds SET last_error = ?, last_error_at = ? WHERE agreement_id = ?")
                .params(error, Timestamp.from(at), agreementId)
                .update();
    }

    List<FeedBatch> batches(long agreementId, int limit) {
        return jdbc.sql(BATCH + " WHERE agreement_id = ? ORDER BY batch_number DESC LIMIT ?")
                .params(agreementId, limit)
                .query(FeedStore::batch)
                .list();
    }

    long batchCount(long agreementId) {
        return jdbc.sql("SELECT count(*) FROM sharing_feed_batches WHERE agreement_id = ?")
                .param(agreementId)
                .query(Long.class)
                .single();
    }

    private static Feed feed(ResultSet rs, int n) throws SQLException {
        return new Feed(
                rs.getLong("agreement_id"),
                rs.getString("ingest_url"),
                rs.getString("credential_sealed"),
                Feed.FeedScope.valueOf(rs.getString("scope")),
                rs.getTimestamp("starts_from").toInstant(),
                rs.getBoolean("active"),
                SharingStore.instant(rs, "sent_received_at"),
                rs.getObject("sent_read_id", UUID.class),
                rs.getLong("reads_sent"),
                rs.getString("last_error"),
                SharingStore.instant(rs, "last_error_at"),
                rs.getString("configured_by"),
                rs.getTimestamp("configured_at").toInstant(),
                rs.getString("changed_by"),
                SharingStore.instant(rs, "changed_at"));
    }

    private static FeedBatch batch(ResultSet rs, int n) throws SQLException {
        return new FeedBatch(
                rs.getLong("agreement_id"),
                rs.getInt("batch_number"),
                rs.getObject("first_read_id", UUID.class),
                rs.getObject("last_read_id", UUID.class),
                rs.getInt("reads"),
                rs.getTimestamp("sent_at").toInstant(),
                rs.getInt("http_status"),
                rs.getInt("attempts"),
                FeedBatch.Outcome.valueOf(rs.getString("outcome")),
                (Integer) rs.getObject("accepted"),
                (Integer) rs.getObject("duplicates"),
                rs.getString("detail"));
    }

    private static FeedRead read(ResultSet rs, int n) throws SQLException {
        String state = rs.getString("state");
        return new FeedRead(
                rs.getObject("read_id", UUID.class),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("plate"),
                state == null ? null : state.strip(),
                rs.getDouble("confidence"),
                rs.getTimestamp("captured_at").toInstant(),
                rs.getDouble("latitude"),
                rs.getDouble("longitude"),
                rs.getObject("heading_degrees") instanceof Number h ? h.doubleValue() : null,
                rs.getString("vehicle_make"),
                rs.getString("vehicle_model"),
                rs.getString("vehicle_color"),
                rs.getString("vehicle_type"));
    }
}
