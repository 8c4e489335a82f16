package org.platewatch.server.reads;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the console's device overview needs from the detections: counts and positions, never plate text.
 * Every query is bounded by capture time, so it touches only the recent partitions.
 */
@Service
public class DetectionActivity {

    private final JdbcClient jdbc;

    DetectionActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads captured since the instant, per device id. */
    public Map<UUID, Long> countsSince(Instant since) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("SELECT device_id, count(*) AS n FROM detections WHERE captured_at >= ? GROUP BY device_id")
                .param(Timestamp.from(since))
                .query((RowCallbackHandler) rs -> counts.put(rs.getObject("device_id", UUID.class), rs.getLong("n")));
        return counts;
    }

    /** The latest position of each device that read a plate since the instant (mobile units move). */
    public Map<UUID, Position> lastPositionsSince(Instant since) {
        Map<UUID, Position> positions = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (device_id) device_id, location[1] AS lat, location[0] AS lon, captured_at
                        FROM detections WHERE captured_at >= ?
                        ORDER BY device_id, captured_at DESC
                        """).param(Timestamp.from(since)).query((RowCallbackHandler) rs -> positions.put(
                rs.getObject("device_id", UUID.class),
                new Position(
                        rs.getDouble("lat"),
                        rs.getDouble("lon"),
                        rs.getTimestamp("captured_at").toInstant())));
        return positions;
    }

    /** Where the most recent reads since the instant were taken, newest first, at most {@code limit}. */
    public List<Position> recentPositions(Instant since, int limit) {
        return jdbc.sql("""
                        SELECT location[1] AS lat, location[0] AS lon, captured_at FROM detections
                        WHERE captured_at >= ? ORDER BY captured_at DESC LIMIT ?
                        """)
                .param(Timestamp.from(since))
                .param(limit)
                .query((rs, row) -> new Position(
                        rs.getDouble("lat"),
                        rs.getDouble("lon"),
                        rs.getTimestamp("captured_at").toInstant()))
                .list();
    }

    public record Position(double latitude, double longitude, Instant capturedAt) {}
}
