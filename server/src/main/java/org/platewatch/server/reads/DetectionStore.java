package org.platewatch.server.reads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The detections table: stores batches of reads idempotently and attaches images to them.
 *
 * <p>A batch is one statement: the read ids go into {@code read_receipts}, and only the ids that
 * were new flow on into {@code detections}. A read id this device sent before is a duplicate; one
 * another device sent refuses the batch. Either the whole batch is stored or, on any error, none of it.
 *
 * <p>Concurrent uploads often overlap (a retried batch, a journal re-batched after a lost answer),
 * so row locks are taken in one order: receipts by read id, the device row last. Two batches then
 * wait for each other at most, and never deadlock.
 */
@Service
public class DetectionStore {

    /**
     * A receipt of another device is "updated" to itself, not skipped: ON CONFLICT DO UPDATE sees the
     * latest committed receipt even when it was committed after this statement began (DO NOTHING
     * would count it as a duplicate), and RETURNING then shows it as {@code taken}. The caller
     * refuses the batch on any, so the no-op update is rolled back.
     *
     * <p>Receipts are partitioned by capture day and keyed by (read id, capture time) (V65): a retried read, same id
     * and capture time, meets its receipt by that key. A receipt of the same id captured at another time of the same
     * UTC day ({@code same_day}, one probe of that day's partition for each read) makes the read a duplicate when it is
     * this device's and refuses the batch when it is another's. A receipt of the same id on another day is not seen.
     */
    private static final String INSERT_BATCH = """
            WITH incoming AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::real[], ?::timestamptz[],
                                     ?::float8[], ?::float8[], ?::real[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[])
                    WITH ORDINALITY
                    AS t(read_id, plate, state, confidence, captured_at, latitude, longitude, heading,
                         make, model, color, vtype, source, position)
            ), same_day AS (
                SELECT i.read_id, k.taken
                FROM incoming i CROSS JOIN LATERAL (
                    SELECT r.device_id <> ?::uuid AS taken FROM read_receipts r
                    WHERE r.read_id = i.read_id
                      AND r.captured_at >= date_trunc('day', i.captured_at, 'UTC')
                      AND r.captured_at < date_trunc('day', i.captured_at, 'UTC') + interval '1 day'
                      AND r.captured_at <> i.captured_at
                    ORDER BY 1 DESC LIMIT 1) k
            ), receipted AS (
                INSERT INTO read_receipts AS r (read_id, device_id, captured_at, received_at)
                SELECT read_id, ?::uuid, captured_at, ?::timestamptz FROM incoming
                WHERE read_id NOT IN (SELECT read_id FROM same_day)
                ORDER BY position
                ON CONFLICT (read_id, captured_at) DO UPDATE SET device_id = r.device_id
                    WHERE r.device_id <> EXCLUDED.device_id
                RETURNING r.read_id, r.device_id <> ?::uuid AS taken
            ), stored AS (
                INSERT INTO detections (read_id, device_id, plate, state, confidence, captured_at, received_at,
                                        location, heading_degrees, vehicle_make, vehicle_model, vehicle_color,
                                        vehicle_type, source, image_sha256)
                SELECT i.read_id, ?::uuid, i.plate, i.state, i.confidence, i.captured_at, ?::timestamptz,
                       point(i.longitude, i.latitude), i.heading, i.make, i.model, i.color, i.vtype, i.source, ?
                FROM incoming i JOIN receipted r USING (read_id)
                WHERE NOT r.taken
                RETURNING read_id
            )
            SELECT read_id, false AS taken FROM stored
            UNION ALL
            SELECT read_id, true FROM receipted WHERE taken
            UNION ALL
            SELECT read_id, true FROM same_day WHERE taken
            """;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final DetectionPartitions partitions;
    private final ImageStore images;
    private final Clock clock;

    DetectionStore(
            JdbcTemplate jdbcTemplate,
            JdbcClient jdbc,
            DetectionPartitions partitions,
            ImageStore images,
            Clock clock) {
        this.images = images;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.clock = clock;
    }

    /**
     * Stores the reads of one device; a read id this device sent before (or twice in the batch) counts
     * as a duplicate. No limit on new day partitions: for loading history (the demo department).
     */
    @Transactional
    public StoredBatch store(UUID deviceId, List<NewDetection> reads) {
        return store(deviceId, reads, null, Integer.MAX_VALUE);
    }

    /**
     * Stores the reads with {@code image} (a photo the reads were made from; may be null) attached to
     * each new one. The image is written first, inside the transaction: if writing it fails, no
     * detection is stored; a detection is never left without the image it was read from.
     *
     * @param maxNewPartitions the most day partitions this batch may create
     * @throws RefusedBatch when a read id is another device's, or the batch needs too many new days;
     *                      nothing of the batch is stored then
     */
    @Transactional
    public StoredBatch store(UUID deviceId, List<NewDetection> reads, byte[] image, int maxNewPartitions) {
        String imageSha256 = image == null ? null : putImage(image);
        return store(deviceId, reads, imageSha256, clock.instant(), maxNewPartitions);
    }

    /**
     * Stores a batch another server accepted at {@code receivedAt} and appended to the ingest topic, its image (if
     * any) already in the image store ({@link #storeImage}). The accepting server checked the batch's days and read
     * ids ({@link BatchPrecheck}), so no limit on new days here; a read id another device took meanwhile still
     * refuses the batch.
     */
    @Transactional
    public StoredBatch storeAccepted(UUID deviceId, List<NewDetection> reads, String imageSha256, Instant receivedAt) {
        return store(deviceId, reads, imageSha256, receivedAt, Integer.MAX_VALUE);
    }

    /** Writes an image to the image store (content-addressed, so writing it again is harmless); its SHA-256. */
    public String storeImage(byte[] jpeg) {
        return putImage(jpeg);
    }

    private StoredBatch store(
            UUID deviceId, List<NewDetection> reads, String imageSha256, Instant now, int maxNewPartitions) {
        Map<UUID, NewDetection> unique = new LinkedHashMap<>();
        for (NewDetection read : reads) {
            unique.putIfAbsent(read.readId(), read);
        }
        // PostgreSQL orders uuids as unsigned bytes, which is the order of their text form.
        List<NewDetection> inLockOrder = new ArrayList<>(unique.values());
        inLockOrder.sort(Comparator.comparing(d -> d.readId().toString()));
        partitions.ensureFor(inLockOrder.stream().map(NewDetection::capturedAt).toList(), maxNewPartitions);
        Inserted inserted = jdbcTemplate.execute(
                (ConnectionCallback<Inserted>) c -> insert(c, deviceId, inLockOrder, now, imageSha256));
        unique.keySet().stream().filter(inserted.taken()::contains).findFirst().ifPresent(id -> {
            throw new RefusedBatch.ReadIdOfAnotherDevice(id);
        });
        List<NewDetection> accepted = unique.values().stream()
                .filter(d -> inserted.stored().contains(d.readId()))
                .toList();
        if (imageSha256 != null && !accepted.isEmpty()) {
            referToImage(
                    imageSha256,
                    accepted.stream()
                            .map(NewDetection::capturedAt)
                            .max(Comparator.naturalOrder())
                            .orElseThrow());
        }
        jdbc.sql("UPDATE devices SET last_upload_at = greatest(last_upload_at, ?) WHERE id = ?")
                .param(Timestamp.from(now))
                .param(deviceId)
                .update();
        return new StoredBatch(accepted, reads.size() - accepted.size());
    }

    /** A read's image so far ('' for none) and its capture time. */
    private record Current(String sha256, Instant capturedAt) {}

    /** The read ids the batch statement stored, and those it found to be another device's. */
    private record Inserted(Set<UUID> stored, Set<UUID> taken) {}

    /**
     * Links an image to a read of this device. An image, once attached, is evidence an officer may
     * already have verified an alert against: it is never replaced by a different one, and a refused
     * image is not written at all.
     */
    @Transactional
    public ImageAttachment attachImage(UUID deviceId, UUID readId, byte[] jpeg) {
        // The newest, should the id be on more than one day (receipts are unique by id and capture time, V65).
        Optional<Current> current = jdbc.sql("""
                        SELECT coalesce(d.image_sha256, '') AS sha, d.captured_at FROM detections d
                        JOIN read_receipts r ON r.read_id = d.read_id AND r.captured_at = d.captured_at
                        WHERE d.read_id = :readId AND r.device_id = :deviceId
                        ORDER BY d.captured_at DESC LIMIT 1
                        FOR UPDATE OF d
                        """)
                .param("readId", readId)
                .param("deviceId", deviceId)
                .query((rs, n) -> new Current(
                        rs.getString("sha"),
                        rs.getObject("captured_at", OffsetDateTime.class).toInstant()))
                .optional();
        if (current.isEmpty()) {
            return new ImageAttachment(ImageAttachment.Result.NO_SUCH_READ, null);
        }
        String sha = ImageStore.sha256(jpeg);
        if (current.get().sha256().equals(sha)) {
            return new ImageAttachment(ImageAttachment.Result.ATTACHED, sha);
        }
        if (!current.get().sha256().isEmpty()) {
            return new ImageAttachment(ImageAttachment.Result.ANOTHER_IMAGE_ATTACHED, null);
        }
        putImage(jpeg);
        Instant capturedAt = current.get().capturedAt();
        jdbc.sql("UPDATE detections SET image_sha256 = :sha WHERE read_id = :readId AND captured_at = :capturedAt")
                .param("sha", sha)
                .param("readId", readId)
                .param("capturedAt", OffsetDateTime.ofInstant(capturedAt, ZoneOffset.UTC))
                .update();
        referToImage(sha, capturedAt);
        return new ImageAttachment(ImageAttachment.Result.ATTACHED, sha);
    }

    /**
     * Remembers the latest UTC day (partition) of a detection that refers to the image, so that the purge deletes
     * the image only with the last partition that refers to it ({@code detection_images}).
     */
    private void referToImage(String sha, Instant capturedAt) {
        jdbc.sql("""
                        INSERT INTO detection_images AS i (sha256, last_captured_on) VALUES (?, ?)
                        ON CONFLICT (sha256) DO UPDATE
                            SET last_captured_on = greatest(i.last_captured_on, EXCLUDED.last_captured_on)
                        """)
                .param(sha)
                .param(capturedAt.atOffset(ZoneOffset.UTC).toLocalDate())
                .update();
    }

    private String putImage(byte[] jpeg) {
        try {
            return images.put(jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write an image to the image store", e);
        }
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
                .query((rs, n) -> new ReceivedDetection(
                        new NewDetection(
                                rs.getObject("read_id", UUID.class),
                                rs.getString("plate"),
                                rs.getString("state"),
                                rs.getDouble("confidence"),
                                rs.getTimestamp("captured_at").toInstant(),
                                rs.getDouble("latitude"),
                                rs.getDouble("longitude"),
                                rs.getObject("heading_degrees") == null ? null : rs.getDouble("heading_degrees"),
                                new VehicleDescription(
                                        rs.getString("vehicle_make"),
                                        rs.getString("vehicle_model"),
                                        rs.getString("vehicle_color"),
                                        rs.getString("vehicle_type")),
                                DetectionSource.valueOf(rs.getString("source"))),
                        rs.getObject("device_id", UUID.class),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** A stored detection with the device that sent it and when it arrived. */
    public record ReceivedDetection(NewDetection detection, UUID deviceId, Instant receivedAt) {}

    /** What became of an image upload, and the image's SHA-256 when it is the read's image. */
    public record ImageAttachment(Result result, String sha256) {

        public enum Result {
            ATTACHED,
            NO_SUCH_READ,
            ANOTHER_IMAGE_ATTACHED
        }
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
                        """).param(readId).query(String.class).optional();
    }

    private static Inserted insert(
            Connection c, UUID deviceId, List<NewDetection> batch, Instant now, String imageSha256)
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
            OffsetDateTime received = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            ps.setObject(p++, deviceId); // same_day
            ps.setObject(p++, deviceId);
            ps.setObject(p++, received);
            ps.setObject(p++, deviceId);
            ps.setObject(p++, deviceId);
            ps.setObject(p++, received);
            ps.setString(p, imageSha256);
            Inserted inserted = new Inserted(new HashSet<>(), new HashSet<>());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? inserted.taken() : inserted.stored()).add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
    }
}
