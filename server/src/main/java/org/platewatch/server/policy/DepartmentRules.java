package org.platewatch.server.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Period;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Writes the profile's retention rules into {@code department_rules} after every migration run, as the schema
 * owner (Flyway's connection): the database's own purge functions ({@code purge_detection_partition},
 * {@code purge_audit_events}) read them there, so what they refuse does not depend on what the application
 * passes them. The application role may read the row but not write it.
 *
 * <p>Only the server writes them: a command-line subcommand (no web server) takes no {@code --profile} and may run
 * under another profile than the server's, which must not become the database's rule.
 */
@Component
@ConditionalOnWebApplication
public class DepartmentRules implements Callback {

    private final DepartmentProfile profile;

    DepartmentRules(DepartmentProfile profile) {
        this.profile = profile;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            write(context.getConnection(), profile);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the department's rules to the database", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "department-rules";
    }

    /**
     * Writes {@code profile}'s rules on {@code owner}, a connection of the schema owner. Also for tests that run the
     * purge under another department's profile than the server's.
     */
    public static void write(Connection owner, DepartmentProfile profile) throws SQLException {
        try (PreparedStatement ps = owner.prepareStatement("""
                INSERT INTO department_rules (profile, zone, detection_retention, audit_log_retention, written_at)
                VALUES (?, ?, ?::interval, ?::interval, now())
                ON CONFLICT (singleton) DO UPDATE SET profile = EXCLUDED.profile, zone = EXCLUDED.zone,
                    detection_retention = EXCLUDED.detection_retention,
                    audit_log_retention = EXCLUDED.audit_log_retention, written_at = EXCLUDED.written_at
                """)) {
            ps.setString(1, profile.key());
            ps.setString(2, profile.zone().getId());
            ps.setString(
                    3,
                    profile.detectionRetention()
                            .purgeAfter()
                            .map(Period::toString)
                            .orElse(null));
            ps.setString(4, profile.auditLogRetention().toString());
            ps.executeUpdate();
        }
    }
}
