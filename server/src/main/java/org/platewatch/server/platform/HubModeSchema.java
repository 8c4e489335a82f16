package org.platewatch.server.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * After every migration run, as the schema owner (Flyway's connection): in hub mode, switches the database to it
 * ({@code hub_mode_enable()}, V70: row-level security on, new rows the acting agency's); outside it, refuses to
 * start on a database that has been a hub, where a single department's server would show every agency's rows to
 * every member. Only the server does this, like {@code policy.DepartmentRules}: a command-line subcommand is no hub.
 */
@Component
@ConditionalOnWebApplication
class HubModeSchema implements Callback {

    private final HubProperties hub;

    HubModeSchema(HubProperties hub) {
        this.hub = hub;
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
        try (Statement s = context.getConnection().createStatement()) {
            if (hub.enabled()) {
                s.execute("SELECT hub_mode_enable()");
                enableEachPart(s);
            } else if (wasHub(s)) {
                throw new UnsafeDatabaseSetup("refusing to start: this database has run as a hub of several agencies;"
                        + " without PLATEWATCH_HUB_ENABLED=true every member would see every agency's reads");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the database's hub mode", e);
        }
    }

    /**
     * The tables a later migration scopes by agency switch on in a function of their own, {@code
     * hub_mode_enable_<what>()} (V79: the hot-list entries), run here in name order: each feature adds one without
     * touching V70's.
     */
    private static void enableEachPart(Statement s) throws SQLException {
        java.util.List<String> parts = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT proname FROM pg_proc WHERE proname LIKE 'hub\\_mode\\_enable\\_%'"
                + " AND pronamespace = current_schema()::regnamespace AND pronargs = 0 ORDER BY proname")) {
            while (rs.next()) {
                parts.add(rs.getString(1));
            }
        }
        for (String part : parts) {
            s.execute("SELECT " + part + "()");
        }
    }

    private static boolean wasHub(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM hub_mode)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public String getCallbackName() {
        return "hub-mode";
    }
}
