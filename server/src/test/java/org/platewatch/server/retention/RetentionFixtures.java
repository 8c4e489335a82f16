package org.platewatch.server.retention;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.DepartmentRules;
import org.platewatch.server.support.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the retention tests share. Reads of days long past go straight into the partitions the server creates
 * ({@code ensure_detection_partition}) with JdbcClient: the upload API's capture window refuses them, rightly.
 */
final class RetentionFixtures {

    private final JdbcClient jdbc;
    private final MutableClock clock;
    private final DataSource owner;

    RetentionFixtures(JdbcClient jdbc, MutableClock clock, DataSource owner) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.owner = owner;
    }

    /** The database's rules for {@code profile}, as the schema owner writes them at start. */
    void rulesOf(DepartmentProfile profile) {
        try (Connection c = owner.getConnection()) {
            DepartmentRules.write(c, profile);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the server's clock to {@code time} on {@code date} in the profile's zone (back in time, mostly). */
    void setLocal(DepartmentProfile profile, LocalDate date, LocalTime time) {
        clock.reset();
        clock.advance(Duration.between(
                Instant.now(), date.atTime(time).atZone(profile.zone()).toInstant()));
    }

    /** {@code n} reads of {@code device} spread over the UTC day, with the given image hashes (null: none). */
    List<UUID> insertReads(UUID device, LocalDate utcDay, int n, String... images) {
        jdbc.sql("SELECT ensure_detection_partition(?)").param(utcDay).query().singleValue();
        List<UUID> ids = new ArrayList<>();
        Instant start = utcDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            Instant at = start.plus(Duration.ofMinutes(1 + (long) i * (24 * 60 - 2) / Math.max(1, n - 1)));
            String image = i < images.length ? images[i] : null;
            jdbc.sql("INSERT INTO read_receipts (read_id, device_id, captured_at, received_at) VALUES (?, ?, ?, ?)")
                    .params(id, device, Timestamp.from(at), Timestamp.from(at))
                    .update();
            jdbc.sql("""
                            INSERT INTO detections (read_id, device_id, plate, state, confidence, captured_at, received_at,
                                                    location, source, image_sha256)
                            VALUES (?, ?, ?, 'CA', 0.9, ?, ?, point(-122.27, 37.80), 'DEVICE', ?)
                            """)
                    .params(id, device, "7RET" + i, Timestamp.from(at), Timestamp.from(at), image)
                    .update();
            if (image != null) {
                // As DetectionStore does for an upload with an image.
                jdbc.sql("""
                                INSERT INTO detection_images AS i (sha256, last_captured_on) VALUES (?, ?)
                                ON CONFLICT (sha256) DO UPDATE
                                    SET last_captured_on = greatest(i.last_captured_on, EXCLUDED.last_captured_on)
                                """).params(image, utcDay).update();
            }
            ids.add(id);
        }
        return ids;
    }

    boolean partitionExists(LocalDate utcDay) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(PurgeStore.partitionOf(utcDay))
                .query(Boolean.class)
                .single();
    }

    /** The certificate's hash, worked out independently: 16 bytes per id, ascending by their text form. */
    static String idsSha256(List<UUID> ids) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ids.stream()
                    .sorted(Comparator.comparing(UUID::toString))
                    .forEach(id -> sha.update(ByteBuffer.allocate(16)
                            .putLong(id.getMostSignificantBits())
                            .putLong(id.getLeastSignificantBits())
                            .array()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A day's reads in plate_days as the search reads them (PlateDays): a day marked purged counts none. */
    long plateDayReadsSearchSees(LocalDate day) {
        return jdbc.sql("SELECT coalesce(sum(reads), 0) FROM plate_days p WHERE day = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM plate_days_purged x WHERE x.day = p.day)")
                .param(day)
                .query(Long.class)
                .single();
    }
}
