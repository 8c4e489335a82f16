package org.platewatch.server.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers cameras and patrol cars and recognises them by their tokens. */
@Service
public class DeviceRegistry {

    static final String TOKEN_PREFIX = "pwd_";

    private static final String COLUMNS = """
            id, name, kind, location[1] AS latitude, location[0] AS longitude, heading_degrees, registered_at,
            last_upload_at, active, agency_id
            """;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    DeviceRegistry(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public RegisteredDevice register(DeviceRegistration registration, Actor registeredBy) {
        if (jdbc.sql("SELECT count(*) FROM devices WHERE name = ?")
                        .param(registration.name())
                        .query(Long.class)
                        .single()
                > 0) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "name", "A device named '" + registration.name() + "' is already registered");
        }
        UUID id = UUID.randomUUID();
        String token = SecretTokens.generate(TOKEN_PREFIX);
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO devices (id, name, kind, location, heading_degrees, token_sha256, registered_at,
                                             registered_by)
                        VALUES (:id, :name, :kind,
                                CASE WHEN CAST(:lat AS float8) IS NULL THEN NULL
                                     ELSE point(CAST(:lon AS float8), CAST(:lat AS float8)) END,
                                :heading, :token, :now, :by)
                        """)
                .param("id", id)
                .param("name", registration.name())
                .param("kind", registration.kind().name())
                .param("lat", registration.latitude())
                .param("lon", registration.longitude())
                .param("heading", registration.heading())
                .param("token", SecretTokens.sha256(token))
                .param("now", Timestamp.from(now))
                .param("by", registeredBy.username())
                .update();
        audit.record(
                registeredBy,
                AuditEvent.of("device.registered", "device:" + id)
                        .withTerms("name=" + registration.name() + ", kind=" + registration.kind()));
        return new RegisteredDevice(find(id).orElseThrow(), token);
    }

    /**
     * Retires a device for good: its token is refused from now on (a stolen camera or car), its reads
     * stay. Audited in the same transaction.
     */
    @Transactional
    public Device retire(UUID id, Actor by) {
        Device device = current(id);
        int retired = jdbc.sql("""
                        UPDATE devices SET active = false, retired_at = :now, retired_by = :by
                        WHERE id = :id AND retired_at IS NULL
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by.username())
                .param("id", id)
                .update();
        if (retired == 0) {
            throw new ProblemException(ProblemType.CONFLICT, "id", "Device '" + device.name() + "' is retired already");
        }
        audit.record(by, AuditEvent.of("device.retired", "device:" + id).withTerms("name=" + device.name()));
        return find(id).orElseThrow();
    }

    /**
     * Gives a device a new token and makes the old one worthless at once (a leaked or scheduled change);
     * the answer holds the new token, shown this once. A retired device gets none. Audited in the same
     * transaction.
     */
    @Transactional
    public RegisteredDevice rotateToken(UUID id, Actor by) {
        Device device = current(id);
        String token = SecretTokens.generate(TOKEN_PREFIX);
        int rotated = jdbc.sql("""
                        UPDATE devices SET token_sha256 = :token, token_rotated_at = :now
                        WHERE id = :id AND retired_at IS NULL
                        """)
                .param("token", SecretTokens.sha256(token))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (rotated == 0) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "id",
                    "Device '" + device.name() + "' is retired; a retired device gets no token");
        }
        audit.record(by, AuditEvent.of("device.token-rotated", "device:" + id).withTerms("name=" + device.name()));
        return new RegisteredDevice(find(id).orElseThrow(), token);
    }

    /** The device, its row locked until the transaction ends, so that retiring and rotating take turns. */
    private Device current(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM devices WHERE id = ? FOR UPDATE")
                .param(id)
                .query(DeviceRegistry::map)
                .optional()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No device " + id));
    }

    public Optional<Device> authenticate(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM devices WHERE token_sha256 = ? AND active")
                .param(SecretTokens.sha256(token))
                .query(DeviceRegistry::map)
                .optional();
    }

    public Optional<Device> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM devices WHERE id = ?")
                .param(id)
                .query(DeviceRegistry::map)
                .optional();
    }

    public List<Device> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM devices ORDER BY name")
                .query(DeviceRegistry::map)
                .list();
    }

    private static Device map(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_upload_at");
        return new Device(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                DeviceKind.valueOf(rs.getString("kind")),
                nullableDouble(rs, "latitude"),
                nullableDouble(rs, "longitude"),
                nullableDouble(rs, "heading_degrees"),
                rs.getTimestamp("registered_at").toInstant(),
                last == null ? null : last.toInstant(),
                rs.getBoolean("active"),
                new AgencyId(rs.getInt("agency_id")));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
