package org.platewatch.server.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.ShippedProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the hub's purge by agency (V71): the agencies and their profiles, one agency's reads of a day deleted
 * from the partition that stays for the others, and the record of which (day, agency) is done.
 */
@Repository
class AgencyPurgeStore {

    private final JdbcClient jdbc;

    AgencyPurgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every agency of the hub, home first, each with its own profile or {@code inForce}. */
    List<AgencyRetention> agencies(DepartmentProfile inForce) {
        return jdbc.sql("SELECT id, code, profile FROM hub_agencies ORDER BY id")
                .query((rs, n) -> new AgencyRetention(
                        new AgencyId(rs.getInt(1)),
                        rs.getString(2),
                        ShippedProfiles.byName(rs.getString(3)).orElse(inForce)))
                .list();
    }

    /** The (day, agency) pairs whose agency's reads are deleted already, as "day/agency". */
    Set<String> purgedDays() {
        return jdbc
                .sql("SELECT day, agency_id FROM hub_agency_purged_days")
                .query((rs, n) -> key(rs.getObject(1, LocalDate.class), new AgencyId(rs.getInt(2))))
                .set()
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    static String key(LocalDate day, AgencyId agency) {
        return day + "/" + agency.value();
    }

    /** Records that the agency's reads of the day are deleted; false when another run recorded it first. */
    boolean markPurged(LocalDate day, AgencyId agency) {
        return jdbc.sql("INSERT INTO hub_agency_purged_days (day, agency_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(day, agency.value())
                        .update()
                == 1;
    }

    /** The day's partition went: its marks go with it. */
    void forgetPurged(LocalDate day) {
        jdbc.sql("DELETE FROM hub_agency_purged_days WHERE day = ?").param(day).update();
    }

    /**
     * Moves the agency's reads of the day that an unreleased hold names into {@code held_detections}, with the
     * earliest such hold; through the parent table, so plate_days' counts lose them as they do the deleted ones.
     */
    List<UUID> moveHeld(LocalDate day, AgencyId agency, Instant now) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return jdbc
                .sql("""
                        WITH named AS (
                            SELECT h.read_id, min(h.hold_id) AS hold_id
                            FROM legal_hold_reads h JOIN legal_holds l ON l.id = h.hold_id
                            WHERE l.released_at IS NULL AND h.agency_id = ?
                            GROUP BY h.read_id
                        ), moved AS (
                            DELETE FROM detections d USING named n
                            WHERE d.read_id = n.read_id AND d.agency_id = ? AND d.captured_at >= ? AND d.captured_at < ?
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
                        """)
                .params(agency.value(), agency.value(), Timestamp.from(from), Timestamp.from(to), Timestamp.from(now))
                .query(UUID.class)
                .list()
                .stream()
                .sorted(Comparator.comparing(UUID::toString))
                .toList();
    }

    /** What deleting one agency's reads of a day removed (V71, {@code purge_agency_detections}). */
    record Deleted(long detections, String idsSha256, List<String> images) {}

    Deleted delete(LocalDate day, AgencyId agency) {
        return jdbc.sql("SELECT removed, removed_ids_sha256, images FROM purge_agency_detections(?, ?)")
                .params(day, agency.value())
                .query((rs, n) -> new Deleted(rs.getLong(1), rs.getString(2), Arrays.asList((String[])
                        rs.getArray(3).getArray())))
                .single();
    }
}
