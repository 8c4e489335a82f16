package org.platewatch.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two connections to one PostgreSQL database, on purpose.
 *
 * <p>The schema owner runs the Flyway migrations. The application runs as a separate role with
 * fewer rights, so that the database itself refuses what the code must never do (change or delete
 * an audit record), whatever bug the code has.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseConfiguration.class);

    static final String EMBEDDED_DATABASE = "platewatch";

    @Bean(destroyMethod = "close")
    DatabaseLocation databaseLocation(PlatewatchProperties properties) {
        PlatewatchProperties.Database db = properties.db();
        if (db.external()) {
            boolean appIsOwner = blank(db.appUser()) || db.appUser().equals(db.user());
            if (appIsOwner && !properties.demo()) {
                throw new UnsafeDatabaseSetup(
                        "refusing to start: the application would connect to the external database"
                                + " as the schema owner '" + db.user()
                                + "', who can switch off the audit log's append-only "
                                + "trigger; set PLATEWATCH_DB_APP_USER to a separate role (README.md, External PostgreSQL)");
            }
            if (appIsOwner) {
                log.warn("The demo runs as the schema owner of the external database, which could disable the audit "
                        + "log's append-only trigger. Create a separate application role (README).");
            }
            String appUser = blank(db.appUser()) ? db.user() : db.appUser();
            String appPassword = blank(db.appUser()) ? db.password() : db.appPassword();
            return new DatabaseLocation(db.url(), db.user(), db.password(), appUser, appPassword, null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(properties.dataDir());
        String appUser = blank(db.appUser()) ? PlatewatchProperties.Database.EMBEDDED_APP_USER : db.appUser();
        EmbeddedDatabasePasswords passwords = server.passwords();
        prepareEmbedded(server, appUser, passwords);
        return new DatabaseLocation(
                server.jdbcUrl(EMBEDDED_DATABASE),
                EmbeddedAuthentication.SUPERUSER,
                passwords.owner(),
                appUser,
                passwords.app(),
                server);
    }

    @Bean
    @FlywayDataSource
    DataSource schemaOwnerDataSource(DatabaseLocation location) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(location.url());
        ds.setUser(location.ownerUser());
        if (location.ownerPassword() != null) {
            ds.setPassword(location.ownerPassword());
        }
        return ds;
    }

    /**
     * The application's connections. In hub mode each one carries the acting agency, which PostgreSQL's
     * row-level security reads ({@link AgencyScopedDataSource}); otherwise they are the pool's own.
     */
    @Bean(destroyMethod = "")
    @Primary
    DataSource dataSource(HikariDataSource applicationPool, HubProperties hub) {
        return hub.enabled() ? new AgencyScopedDataSource(applicationPool) : applicationPool;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource applicationPool(DatabaseLocation location, PlatewatchProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("platewatch");
        config.setJdbcUrl(location.url());
        config.setUsername(location.appUser());
        if (location.appPassword() != null) {
            config.setPassword(location.appPassword());
        }
        config.setMaximumPoolSize(properties.db().poolSize());
        // Batched inserts from the read upload become one multi-row statement.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "platewatch");
        // Server error details can quote row values (plate text) into exception messages.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    /** The migrations grant the application role its rights through the {@code appRole} placeholder. */
    @Bean
    FlywayConfigurationCustomizer platewatchFlywayPlaceholders(ObjectProvider<DatabaseLocation> location) {
        return configuration -> configuration.placeholders(
                Map.of("appRole", location.getObject().appUser()));
    }

    /**
     * The database and the application role, whose password is (re)set from the passwords file on
     * every start: a role made by an older version without one gets it here.
     */
    private static void prepareEmbedded(
            EmbeddedPostgresServer server, String appUser, EmbeddedDatabasePasswords passwords) {
        try (Connection c = java.sql.DriverManager.getConnection(
                        server.jdbcUrl("postgres"), EmbeddedAuthentication.SUPERUSER, passwords.owner());
                Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", EMBEDDED_DATABASE)) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
            String role = "\"" + appUser.replace("\"", "") + "\"";
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", appUser)) {
                s.execute("CREATE ROLE " + role + " LOGIN");
            }
            s.execute("SET password_encryption = 'scram-sha-256'");
            // The password is base64url (EmbeddedDatabasePasswords checks), so it needs no escaping here.
            s.execute("ALTER ROLE " + role + " PASSWORD '" + passwords.app() + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Where the database is and who connects to it; owns the embedded server when there is one. */
    record DatabaseLocation(
            String url,
            String ownerUser,
            String ownerPassword,
            String appUser,
            String appPassword,
            EmbeddedPostgresServer embedded)
            implements AutoCloseable {

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
