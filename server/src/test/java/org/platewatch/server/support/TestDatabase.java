package org.platewatch.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * The test PostgreSQL: {@code PLATEWATCH_TEST_DB_URL} (a superuser connection) when set, else one
 * embedded server per test JVM. The schema is migrated once into a template database, and every
 * test application context gets its own database cloned from it, which takes a fraction of a second.
 */
public final class TestDatabase {

    public static final String APP_ROLE = "platewatch_app";
    private static final String TEMPLATE = "platewatch_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabase instance;

    private final String serverUrl;
    private final String superUser;
    private final String superPassword;

    private TestDatabase(String serverUrl, String superUser, String superPassword) {
        this.serverUrl = serverUrl;
        this.superUser = superUser;
        this.superPassword = superPassword;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            instance.prepareTemplate();
        }
        return instance;
    }

    /** A fresh, migrated database; returns its JDBC URL. */
    public String newDatabase() {
        String name = "pw_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(urlOf("postgres"), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return urlOf(name);
    }

    public String superUser() {
        return superUser;
    }

    public String superPassword() {
        return superPassword;
    }

    public Connection superConnection(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, superUser, superPassword);
    }

    private static TestDatabase start() {
        String external = System.getenv("PLATEWATCH_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            String base = external.substring(0, external.lastIndexOf('/') + 1);
            return new TestDatabase(
                    base, env("PLATEWATCH_TEST_DB_USER", "postgres"), System.getenv("PLATEWATCH_TEST_DB_PASSWORD"));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("platewatch-test-pg"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the temp directory goes with it
                }
            }));
            return new TestDatabase("jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        }
    }

    private void prepareTemplate() {
        String postgres = urlOf("postgres");
        execute(postgres, "DROP DATABASE IF EXISTS " + TEMPLATE);
        execute(
                postgres,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN CREATE ROLE "
                        + APP_ROLE + " LOGIN PASSWORD 'platewatch'; END IF; END $$");
        execute(postgres, "CREATE DATABASE " + TEMPLATE);
        Flyway.configure()
                .dataSource(urlOf(TEMPLATE), superUser, superPassword)
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", APP_ROLE))
                .load()
                .migrate();
    }

    private String urlOf(String database) {
        return serverUrl + database;
    }

    private void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, superUser, superPassword);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
