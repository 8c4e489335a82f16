package org.platewatch.edge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.platewatch.plate.UsState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local journal: every read lands here, durably, before anything else happens to it, and leaves only
 * once the server has acknowledged it. SQLite in one file with {@code synchronous=FULL}: a commit has
 * reached the disk when {@link #add} returns, so a power cut or a {@code kill -9} loses nothing that was
 * journalled.
 *
 * <p>A read's plate, state, confidence and position are one sealed value, its image another
 * ({@link Sealer}); the capture time stays in clear, because the upload order and the backlog report need
 * it. Deleted rows are overwritten ({@code secure_delete}), so an acknowledged read does not linger in
 * free pages either.
 *
 * <p>A read goes through two stages: {@code PENDING} (not yet acknowledged) and {@code READ_SENT} (the
 * server has the read but not yet its image). A read the server refuses for good ({@code REFUSED}: it
 * is invalid, or another device used its id) stays, sealed, until an operator clears it: it is never
 * deleted unsent.
 */
final class Journal implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection db;
    private final Sealer sealer;
    private final Clock clock;

    Journal(Path file, Sealer sealer, Clock clock) {
        this.sealer = sealer;
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA secure_delete=ON");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS reads (
                            read_id        TEXT PRIMARY KEY,
                            captured_at    INTEGER NOT NULL,
                            journalled_at  INTEGER NOT NULL,
                            stage          TEXT NOT NULL DEFAULT 'PENDING',
                            priority       INTEGER NOT NULL DEFAULT 0,
                            sealed_read    BLOB NOT NULL,
                            sealed_image   BLOB,
                            refusal        TEXT
                        )""");
                s.execute("CREATE INDEX IF NOT EXISTS reads_upload_order ON reads (stage, priority DESC, captured_at)");
            }
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Journals a read, durably. A read id already journalled (the same image taken again after a crash
     * between journalling and clearing the source) is left as it was.
     *
     * @return true when the read is new
     */
    synchronized boolean add(JournalRead read) {
        String id = read.readId().toString();
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO reads (read_id, captured_at, journalled_at, sealed_read, sealed_image)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (read_id) DO NOTHING""")) {
            ps.setString(1, id);
            ps.setLong(2, read.capturedAt().toEpochMilli());
            ps.setLong(3, clock.millis());
            ps.setBytes(4, sealer.seal(sealedFields(read), id));
            ps.setBytes(5, read.jpeg() == null ? null : sealer.seal(read.jpeg(), id + "/image"));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new JournalException("cannot journal read " + id, e);
        }
    }

    /** Moves a read to the front of the upload queue: it hit a hot list, and the server should alert too. */
    synchronized void prioritise(UUID readId) {
        update("UPDATE reads SET priority = 1 WHERE read_id = ?", readId.toString());
    }

    /** The next reads to send, hot-list hits first, then oldest first. */
    synchronized List<JournalRead> nextBatch(int max) {
        return select(
                "SELECT read_id, captured_at, sealed_read, sealed_image FROM reads WHERE stage = 'PENDING' "
                        + "ORDER BY priority DESC, captured_at, read_id LIMIT ?",
                max);
    }

    /** Reads the server has, whose image it has not yet acknowledged. */
    synchronized List<JournalRead> imagesToSend(int max) {
        return select(
                "SELECT read_id, captured_at, sealed_read, sealed_image FROM reads WHERE stage = 'READ_SENT' "
                        + "ORDER BY captured_at, read_id LIMIT ?",
                max);
    }

    /**
     * The server acknowledged these reads: one without an image leaves the journal now, one with an image
     * waits for the image's acknowledgement. One transaction.
     */
    synchronized void readsAcknowledged(List<UUID> ids) {
        inTransaction(() -> {
            try (PreparedStatement drop =
                            db.prepareStatement("DELETE FROM reads WHERE read_id = ? AND sealed_image IS NULL");
                    PreparedStatement keep = db.prepareStatement(
                            "UPDATE reads SET stage = 'READ_SENT' WHERE read_id = ? AND sealed_image IS NOT NULL")) {
                for (UUID id : ids) {
                    drop.setString(1, id.toString());
                    drop.addBatch();
                    keep.setString(1, id.toString());
                    keep.addBatch();
                }
                drop.executeBatch();
                keep.executeBatch();
            }
        });
    }

    /** The server has the read and its image: nothing of it stays on the unit. */
    synchronized void imageAcknowledged(UUID readId) {
        update("DELETE FROM reads WHERE read_id = ?", readId.toString());
    }

    /** The server refused this read for good; it stays, sealed, out of the upload queue, with the reason. */
    synchronized void refused(UUID readId, String reason) {
        try (PreparedStatement ps =
                db.prepareStatement("UPDATE reads SET stage = 'REFUSED', refusal = ? WHERE read_id = ?")) {
            ps.setString(1, reason);
            ps.setString(2, readId.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot mark read " + readId + " refused", e);
        }
    }

    /** What waits: reads not yet acknowledged (with their images), reads refused, and the oldest capture. */
    synchronized Backlog backlog() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT count(*) FILTER (WHERE stage = 'PENDING'),
                               count(*) FILTER (WHERE stage = 'READ_SENT'),
                               count(*) FILTER (WHERE stage = 'REFUSED'),
                               min(captured_at) FILTER (WHERE stage <> 'REFUSED')
                        FROM reads""")) {
            rs.next();
            long oldest = rs.getLong(4);
            Instant oldestAt = rs.wasNull() ? null : Instant.ofEpochMilli(oldest);
            return new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3), oldestAt);
        } catch (SQLException e) {
            throw new JournalException("cannot count the backlog", e);
        }
    }

    /**
     * The journal's backlog.
     *
     * @param waiting       reads the server does not have yet
     * @param imagesWaiting reads the server has whose image it does not have yet
     * @param refused       reads the server refused for good (kept for an operator)
     * @param oldest        capture time of the oldest read or image still to send; null when none
     */
    record Backlog(long waiting, long imagesWaiting, long refused, Instant oldest) {

        long unsent() {
            return waiting + imagesWaiting;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new JournalException("cannot close the journal", e);
        }
    }

    private List<JournalRead> select(String sql, int max) {
        List<JournalRead> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(open(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JournalException("cannot read the journal", e);
        }
    }

    private JournalRead open(ResultSet rs) throws SQLException {
        String id = rs.getString("read_id");
        JsonNode f = JSON.readTree(sealer.open(rs.getBytes("sealed_read"), id));
        byte[] image = rs.getBytes("sealed_image");
        return new JournalRead(
                UUID.fromString(id),
                Instant.ofEpochMilli(rs.getLong("captured_at")),
                f.get("plate").stringValue(),
                f.get("state").isNull()
                        ? null
                        : UsState.fromCode(f.get("state").stringValue()).orElse(null),
                f.get("confidence").asDouble(),
                number(f, "latitude"),
                number(f, "longitude"),
                number(f, "heading"),
                image == null ? null : sealer.open(image, id + "/image"));
    }

    private static Double number(JsonNode f, String field) {
        JsonNode v = f.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static byte[] sealedFields(JournalRead read) {
        var o = JSON.createObjectNode();
        o.put("plate", read.plate());
        o.put("state", read.state() == null ? null : read.state().name());
        o.put("confidence", read.confidence());
        o.put("latitude", read.latitude());
        o.put("longitude", read.longitude());
        o.put("heading", read.heading());
        return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    }

    private void update(String sql, String id) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot update read " + id, e);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(SqlWork work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("journal transaction failed", e);
        }
    }
}
