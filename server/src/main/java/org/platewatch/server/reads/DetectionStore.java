package org.platewatch.server.reads;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The detections table: stores batches of reads idempotently and attaches images to them.
 *
 * <p>A batch is one statement: the read ids go into {@code read_receipts} with ON CONFLICT DO
 * NOTHING, and only the ids that were new flow on into {@code detections}. Either the whole
 * batch is stored or, on any error, none of it.
 */
@Service
public class DetectionStore {

    private static final String INSERT_BATCH = """
            WITH incoming AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::real[], ?::timestamptz[],
                                     ?::float8[], ?::float8[], ?::real[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[])
                    AS t(read_id, plate, state, confidence, captured_at, latitude, longitude, heading,
                         make, model, color, vtype, source)
            ), receipted AS (
                INSERT INTO read_receipts (read_id, device_id, captured_at, received_at)
                SELECT read_id, ?, captured_at, ? FROM incoming
                ON CONFLICT (read_id) DO NOTHING
                RETURNING read_id
            )
            INSERT INTO detections (read_id, device_id, plate, state, confidence, captured_at, received_at,
                                    location, heading_degrees, vehicle_make, vehicle_model, vehicle_color,
                                    vehicle_type, source)
            SELECT i.read_id, ?, i.plate, i.state, i.confidence, i.captured_at, ?,
                   point(i.longitude, i.latitude), i.heading, i.make, i.model, i.color, i.vtype, i.source
            FROM incoming i JOIN receipted r USING (read_id)
            RETURNING read_id
            """;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final DetectionPartitions partitions;
    private final Clock clock;

    DetectionStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc, DetectionPartitions partitions, Clock clock) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.clock = clock;
    }

    /** Stores the reads of one device; a read id seen before (or twice in the batch) counts as a duplicate. */
    @Transactional
    public StoredBatch store(UUID deviceId, List<NewDetection> reads) {
        Map<UUID, NewDetection> unique = new LinkedHashMap<>();
        for (NewDetection read : reads) {
            unique.putIfAbsent(read.readId(), read);
        }
        List<NewDetection> batch = new ArrayList<>(unique.values());
        partitions.ensureFor(batch.stream().map(NewDetection::capturedAt).toList());
        Instant now = clock.instant();
        Set<UUID> stored = jdbcTemplate.execute((ConnectionCallback<Set<UUID>>) c -> insert(c, deviceId, batch, now));
        List<NewDetection> accepted = batch.stream().filter(d -> stored.contains(d.readId())).toList();
        jdbc.sql("UPDATE devices SET last_upload_at = ? WHERE id = ?")
                .param(java.sql.Timestamp.from(now)).param(deviceId).update();
        return new StoredBatch(accepted, reads.size() - accepted.size());
    }

    /**
     * Links an image to a read of this device. An image, once attached, is evidence an officer may
     * already have verified an alert against: it is never replaced by a different one.
     */
    @Transactional
    public ImageAttachment attachImage(UUID deviceId, UUID readId, String sha256) {
        Optional<String> current = jdbc.sql("""
                        SELECT coalesce(d.image_sha256, '') FROM detections d
                        JOIN read_receipts r ON r.read_id = d.read_id AND r.captured_at = d.captured_at
                        WHERE d.read_id = :readId AND r.device_id = :deviceId
                        FOR UPDATE OF d
                        """)
                .param("readId", readId).param("deviceId", deviceId).query(String.class).optional();
        if (current.isEmpty()) {
            return ImageAttachment.NO_SUCH_READ;
        }
        if (current.get().equals(sha256)) {
            return ImageAttachment.ATTACHED;
        }
        if (!current.get().isEmpty()) {
            return ImageAttachment.ANOTHER_IMAGE_ATTACHED;
        }
        jdbc.sql("""
                        UPDATE detections SET image_sha256 = :sha
                        WHERE read_id = :readId
                          AND captured_at = (SELECT captured_at FROM read_receipts WHERE read_id = :readId)
                        """)
                .param("sha", sha256).param("readId", readId).update();
        return ImageAttachment.ATTACHED;
    }

    /**
     * The detections received since the given time (captured at most a day before it), for the
     * alert feature's safety net that re-matches recent reads.
     */
    public List<ReceivedDetection> receivedSince(Instant since) {
        return jdbc.sql("""
                        SELECT read_id, device_id, plate, state, confidence, captured_at, received_at,
                               location[0] AS longitude, location[1] AS latitude, heading_degrees,
                               vehicle_make, vehicle_model, vehicle_color, vehicle_type, source
                        FROM detections
                        WHERE received_at >= ? AND captured_at >= ?
                        """)
                .params(Timestamp.from(since), Timestamp.from(since.minus(java.time.Duration.ofDays(1))))
                .query((rs, n) -> new ReceivedDetection(new NewDetection(rs.getObject("read_id", UUID.class),
                        rs.getString("plate"), rs.getString("state"), rs.getDouble("confidence"),
                        rs.getTimestamp("captured_at").toInstant(), rs.getDouble("latitude"),
                        rs.getDouble("longitude"), rs.getObject("heading_degrees") == null ? null
                                : rs.getDouble("heading_degrees"),
                        new VehicleDescription(rs.getString("vehicle_make"), rs.getString("vehicle_model"),
                                rs.getString("vehicle_color"), rs.getString("vehicle_type")),
                        DetectionSource.valueOf(rs.getString("source"))),
                        rs.getObject("device_id", UUID.class), rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** A stored detection with the device that sent it and when it arrived. */
    public record ReceivedDetection(NewDetection detection, UUID deviceId, Instant receivedAt) {
    }

    /** What became of an image upload. */
    public enum ImageAttachment {
        ATTACHED, NO_SUCH_READ, ANOTHER_IMAGE_ATTACHED
    }

    /** How many detections are stored; for health and the demo. */
    public long count() {
        return jdbc.sql("SELECT count(*) FROM detections").query(Long.class).single();
    }

    public Optional<String> imageOf(UUID readId) {
        return jdbc.sql("""
                        SELECT d.image_sha256 FROM detections d JOIN read_receipts r
                          ON r.read_id = d.read_id AND r.captured_at = d.captured_at
                        WHERE d.read_id = ? AND d.image_sha256 IS NOT NULL
                        """)
                .param(readId).query(String.class).optional();
    }

    private static Set<UUID> insert(Connection c, UUID deviceId, List<NewDetection> batch, Instant now)
            throws SQLException {
        int n = batch.size();
        String[] ids = new String[n];
        String[] plates = new String[n];
        String[] states = new String[n];
        Float[] confidences = new Float[n];
        String[] captured = new String[n];
        Double[] lats = new Double[n];
        Double[] lons = new Double[n];
        Float[] headings = new Float[n];
        String[] makes = new String[n];
        String[] models = new String[n];
        String[] colors = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            NewDetection d = batch.get(i);
            ids[i] = d.readId().toString();
            plates[i] = d.plate();
            states[i] = d.state();
            confidences[i] = (float) d.confidence();
            captured[i] = d.capturedAt().toString();
            lats[i] = d.latitude();
            lons[i] = d.longitude();
            headings[i] = d.headingDegrees() == null ? null : d.headingDegrees().floatValue();
            makes[i] = d.vehicle().make();
            models[i] = d.vehicle().model();
            colors[i] = d.vehicle().color();
            types[i] = d.vehicle().type();
            sources[i] = d.source().name();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_BATCH)) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("text", ids));
            ps.setArray(p++, c.createArrayOf("text", plates));
            ps.setArray(p++, c.createArrayOf("text", states));
            ps.setArray(p++, c.createArrayOf("float4", confidences));
            ps.setArray(p++, c.createArrayOf("text", captured));
            ps.setArray(p++, c.createArrayOf("float8", lats));
            ps.setArray(p++, c.createArrayOf("float8", lons));
            ps.setArray(p++, c.createArrayOf("float4", headings));
            ps.setArray(p++, c.createArrayOf("text", makes));
            ps.setArray(p++, c.createArrayOf("text", models));
            ps.setArray(p++, c.createArrayOf("text", colors));
            ps.setArray(p++, c.createArrayOf("text", types));
            ps.setArray(p++, c.createArrayOf("text", sources));
            ps.setObject(p++, deviceId);
            ps.setObject(p++, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            ps.setObject(p++, deviceId);
            ps.setObject(p, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            Set<UUID> stored = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getObject(1, UUID.class));
                }
            }
            return stored;
        }
    }
}
