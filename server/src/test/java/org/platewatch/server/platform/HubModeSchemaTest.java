package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.platewatch.server.support.TestDatabase;

/**
 * The switch into hub mode, on a freshly migrated database as the schema owner: a single department's database has
 * no row-level security in force and constant defaults (it runs as before); the hub's start switches both, once; and
 * a server without the setting refuses a database that has been a hub.
 */
class HubModeSchemaTest {

    @Test
    void aSingleDepartmentRunsWithoutRowLevelSecurityAndAHubCannotBeTurnedBack() throws SQLException {
        TestDatabase db = TestDatabase.get();
        try (Connection owner = db.superConnection(db.newDatabase());
                Statement s = owner.createStatement()) {
            new HubModeSchema(new HubProperties(false)).handle(Event.AFTER_MIGRATE, context(owner));
            assertThat(text(
                            s,
                            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                                    + " WHERE relname IN ('detections', 'alerts', 'searches') AND relrowsecurity"))
                    .isNull();
            assertThat(text(
                            s,
                            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a"
                                    + " ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                                    + " WHERE d.adrelid = 'detections'::regclass AND a.attname = 'agency_id'"))
                    .isEqualTo("1");

            new HubModeSchema(new HubProperties(true)).handle(Event.AFTER_MIGRATE, context(owner));
            assertThat(text(
                            s,
                            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                                    + " WHERE relname IN ('detections', 'alerts', 'searches') AND relrowsecurity"))
                    .isEqualTo("alerts,detections,searches");
            assertThat(text(
                            s,
                            "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                    + " WHERE i.inhparent = 'detections'::regclass AND NOT c.relrowsecurity"))
                    .isEqualTo("0");
            // A second start changes nothing and takes no lock on the tables.
            new HubModeSchema(new HubProperties(true)).handle(Event.AFTER_MIGRATE, context(owner));

            HubModeSchema single = new HubModeSchema(new HubProperties(false));
            assertThatThrownBy(() -> single.handle(Event.AFTER_MIGRATE, context(owner)))
                    .isInstanceOf(UnsafeDatabaseSetup.class)
                    .hasMessageContaining("PLATEWATCH_HUB_ENABLED");
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Flyway's callback context, of which the switch uses only the connection. */
    private static Context context(Connection owner) {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return owner;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
