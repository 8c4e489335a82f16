package org.platewatch.server.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
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

    /**
     * Moves the partition's detections that an unreleased hold names into {@code held_detections}, with the
     * earliest such hold; returns how many. A row deleted here is not in the partition's certificate hash.
     */
    long moveHeld(LocalDate utcDay, Instant now) {
        String partition = partitionOf(utcDay);
        boolean anyHold = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM legal_hold_reads h JOIN legal_holds l ON l.id = h.hold_id
                                       WHERE l.released_at IS NULL)
                        """).query(Boolean.class).single();
        if (!anyHold) {
            return 0; // without a hold, not even a join over the day's rows
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
                            vehicle_type, image_sha256, source, hold_id, held_at)
                        SELECT read_id, device_id, plate, state, confidence, captured_at, received_at, location,
                               heading_degrees, vehicle_make, vehicle_model, vehicle_color, vehicle_type,
                               image_sha256, source, hold_id, ?
                        FROM moved
                        ON CONFLICT (read_id) DO NOTHING
                        """.formatted(partition)).param(Timestamp.from(now)).update();
    }

    /** Images whose last referring detection is in this partition, and that no held detection keeps. */
    long imagesGoingWith(LocalDate utcDay) {
        return jdbc.sql("""
                        SELECT count(*) FROM detection_images i
                        WHERE i.last_captured_on = ?
                          AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.image_sha256 = i.sha256)
                        """).param(utcDay).query(Long.class).single();
    }

    /** Drops the partition through the database's own check; empty when it no longer exists. */
    Optional<Removed> drop(LocalDate utcDay) {
        return jdbc.sql("SELECT removed, removed_ids_sha256 FROM purge_detection_partition(?)")
                .param(utcDay)
                .query((rs, n) -> new Removed(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    record Removed(long detections, String idsSha256) {}

    void insert(DeletionCertificate c) {
        jdbc.sql("""
                        INSERT INTO deletion_certificates (partition_name, captured_from, captured_to, due_on, purged_at,
                            late, detections, held, images, ids_sha256, retention)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                        c.retention())
                .update();
    }

    List<DeletionCertificate> certificates(int limit, long offset) {
        return jdbc.sql("""
                        SELECT partition_name, captured_from, captured_to, due_on, purged_at, late, detections, held,
                               images, ids_sha256, retention
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
                        rs.getString("retention")))
                .list();
    }

    long certificateCount() {
        return jdbc.sql("SELECT count(*) FROM deletion_certificates")
                .query(Long.class)
                .single();
    }

    /**
     * Deletes up to {@code batch} receipts of reads captured before {@code before} whose day partition is gone (not one
     * of {@code stillThere}, which failed to drop) and that no held detection is; returns how many. A receipt holds no
     * plate, but it is the purged read's last trace, and the capture window refuses that read now, so the receipt is no
     * longer what keeps it from coming back.
     */
    int deleteReceiptsBefore(Instant before, List<LocalDate> stillThere, int batch) {
        return jdbc.sql("""
                        DELETE FROM read_receipts WHERE read_id IN (
                            SELECT r.read_id FROM read_receipts r
                            WHERE r.captured_at < ?
                              AND (r.captured_at AT TIME ZONE 'UTC')::date <> ALL (?::date[])
                              AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.read_id = r.read_id)
                            LIMIT ?)
                        """)
                .params(
                        Timestamp.from(before),
                        stillThere.stream().map(LocalDate::toString).toArray(String[]::new),
                        batch)
                .update();
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
