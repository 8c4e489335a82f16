package org.platewatch.server.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the purge. It works on the reads feature's tables ({@code detections}' day partitions,
 * {@code read_receipts}, {@code detection_images}) because retention is what removes their rows; the partitions
 * themselves go only through {@code purge_detection_partition}, which the database runs as the table's owner after
 * checking the day is due.
 */
@Repository
class PurgeStore {

    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final String PREFIX = "detections_p";

    private final JdbcClient jdbc;

    PurgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String partitionOf(LocalDate utcDay) {
        return PREFIX + PARTITION_DAY.format(utcDay);
    }

    /** The UTC days that have a partition, oldest first. */
    List<LocalDate> partitionDays() {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'detections'::regclass ORDER BY c.relname
                        """).query(String.class).list().stream()
                .filter(name -> name.matches(PREFIX + "\\d{8}"))
                .map(name -> LocalDate.parse(name.substring(PREFIX.length()), PARTITION_DAY))
                .toList();
    }

    /** One purge at a time, whichever server or thread runs it; ends with the transaction. */
    void lockPurge() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('retention-purge'))")
                .query()
                .singleValue();
        // A search holding the table must not stall every upload behind the drop's lock for long.
        jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
    }

    boolean exists(LocalDate utcDay) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(partitionOf(utcDay))
                .query(Boolean.class)
                .single();
    }

    /** A day's seal (V67): the count and digest of its ids when it was sealed. */
    record Seal(long detections, String idsSha256, Instant sealedAt) {}

    /**
     * The day's seal, if it has one, taken under an ACCESS EXCLUSIVE lock on its partition (held to the end of the
     * transaction, as the drop would hold it): nothing writes to the day between this and the drop, so the seal is the
     * digest of the ids in the partition now.
     */
    Optional<Seal> takeSeal(LocalDate utcDay) {
        return jdbc.sql("SELECT detections, ids_sha256, sealed_at FROM take_detection_partition_seal(?)")
                .param(utcDay)
                .query((rs, n) -> new Seal(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Moves the partition's detections that an unreleased hold names into {@code held_detections}, with the
     * earliest such hold; returns their read ids, ascending. A row deleted here is not in the partition's certificate
     * hash when the purge hashes; it is listed beside a sealed one.
     */
    List<UUID> moveHeld(LocalDate utcDay, Instant now) {
        String partition = partitionOf(utcDay);
        boolean anyHold = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM legal_hold_reads h JOIN legal_holds l ON l.id = h.hold_id
                                       WHERE l.released_at IS NULL)
                        """).query(Boolean.class).single();
        if (!anyHold) {
            return List.of(); // without a hold, not even a join over the day's rows
        }
        return jdbc.sql("""
                        WITH named AS (
                            SELECT h.read_id, min(h.hold_id) AS hold_id
                            FROM legal_hold_reads h JOIN legal_holds l ON l.id = h.hold_id
                            WHERE l.released_at IS NULL
                            GROUP BY h.read_id
                        ), moved AS (
                            DELETE FROM %s d USING named n WHERE d.read_id = n.read_id
                            RETURNING d.*, n.hold_id
                        )
                        INSERT INTO held_detections (read_id, device_id, plate, state, confidence, captured_at,
                            received_at, location, heading_degrees, vehicle_make, vehicle_model, vehicle_color,
                            vehicle_type, image_sha256, source, hold_id, held_at, agency_id)
                        SELECT read_id, device_id, plate, state, confidence, captured_at, received_at, location,
                               heading_degrees, vehicle_make, vehicle_model, vehicle_color, vehicle_type,
                               image_sha256, source, hold_id, ?, agency_id
                        FROM moved
                        ON CONFLICT (read_id) DO NOTHING
                        RETURNING read_id
                        """.formatted(partition)).param(Timestamp.from(now)).query(UUID.class).list().stream()
                .sorted(Comparator.comparing(UUID::toString))
                .toList();
    }

    /** Images whose last referring detection is in this partition, and that no held detection keeps. */
    long imagesGoingWith(LocalDate utcDay) {
        return jdbc.sql("""
                        SELECT count(*) FROM detection_images i
                        WHERE i.last_captured_on = ?
                          AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.image_sha256 = i.sha256)
                        """).param(utcDay).query(Long.class).single();
    }

    /**
     * Drops the partition, with its receipts and plate_days partitions, through the database's own check; empty when
     * it no longer exists. With {@code hash} the database counts and hashes the ids it drops; without (the day is
     * sealed), it reads none of them and answers a {@link Removed} of nulls.
     */
    Optional<Removed> drop(LocalDate utcDay, boolean hash) {
        return jdbc.sql("SELECT removed, removed_ids_sha256 FROM purge_detection_partition(?, ?)")
                .params(utcDay, hash)
                .query((rs, n) -> new Removed((Long) rs.getObject(1), rs.getString(2)))
                .optional();
    }

    record Removed(Long detections, String idsSha256) {}

    /**
     * Deletes the plate_days rows of the oldest purged day not yet cleared (V68), in a transaction of its own;
     * empty when every purged day is cleared.
     */
    Optional<ClearedDay> clearPurgedPlateDays() {
        return jdbc.sql("SELECT day, deleted FROM clear_purged_plate_days()")
                .query((rs, n) -> new ClearedDay(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                .optional();
    }

    record ClearedDay(LocalDate day, long rows) {}

    void insert(DeletionCertificate c) {
        jdbc.sql("""
                        INSERT INTO deletion_certificates (partition_name, captured_from, captured_to, due_on, purged_at,
                            late, detections, held, images, ids_sha256, retention, ids_cover, sealed_at, held_ids,
                            agency)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?)
                        """)
                .params(
                        c.partition(),
                        utc(c.capturedFrom()),
                        utc(c.capturedTo()),
                        c.dueOn(),
                        utc(c.purgedAt()),
                        c.late(),
                        c.detections(),
                        c.held(),
                        c.images(),
                        c.idsSha256(),
                        c.retention(),
                        c.idsCover().name(),
                        c.sealedAt() == null ? null : utc(c.sealedAt()),
                        c.heldIds().stream().map(UUID::toString).toArray(String[]::new),
                        c.agency())
                .update();
    }

    List<DeletionCertificate> certificates(int limit, long offset) {
        return jdbc.sql("""
                        SELECT partition_name, captured_from, captured_to, due_on, purged_at, late, detections, held,
                               images, ids_sha256, retention, ids_cover, sealed_at, held_ids::text[] AS held_ids,
                               agency
                        FROM deletion_certificates ORDER BY id DESC LIMIT ? OFFSET ?
                        """)
                .params(limit, offset)
                .query((rs, n) -> new DeletionCertificate(
                        rs.getString("partition_name"),
                        rs.getObject("captured_from", OffsetDateTime.class).toInstant(),
                        rs.getObject("captured_to", OffsetDateTime.class).toInstant(),
                        rs.getObject("due_on", LocalDate.class),
                        rs.getObject("purged_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("late"),
                        rs.getLong("detections"),
                        rs.getLong("held"),
                        rs.getLong("images"),
                        rs.getString("ids_sha256"),
                        rs.getString("retention"),
                        DeletionCertificate.IdsCover.valueOf(rs.getString("ids_cover")),
                        Optional.ofNullable(rs.getObject("sealed_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null),
                        Arrays.stream((String[]) rs.getArray("held_ids").getArray())
                                .map(UUID::fromString)
                                .toList(),
                        rs.getString("agency")))
                .list();
    }

    long certificateCount() {
        return jdbc.sql("SELECT count(*) FROM deletion_certificates")
                .query(Long.class)
                .single();
    }

    /** Up to {@code batch} images no detection refers to any more: their last partition is gone, and none is held. */
    List<String> imagesLastReferencedBefore(LocalDate utcDay, int batch) {
        return jdbc.sql("""
                        SELECT i.sha256 FROM detection_images i
                        WHERE i.last_captured_on < ?
                          AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.image_sha256 = i.sha256)
                        ORDER BY i.last_captured_on LIMIT ?
                        """).params(utcDay, batch).query(String.class).list();
    }

    void forgetImage(String sha256) {
        jdbc.sql("DELETE FROM detection_images WHERE sha256 = ?").param(sha256).update();
    }

    /** The capture time of the oldest detection still in a partition (held ones aside), if any. */
    Optional<Instant> oldestDetection(LocalDate oldestPartition) {
        // Receipts have an index on the capture time; detections none that leads with it.
        return jdbc
                .sql("""
                        SELECT min(r.captured_at) FROM read_receipts r
                        WHERE r.captured_at >= ?
                          AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.read_id = r.read_id)
                        """)
                .param(Timestamp.from(
                        oldestPartition.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(OffsetDateTime.class)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
