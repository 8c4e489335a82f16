package org.platewatch.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password authentication for the embedded server: scram-sha-256 for every connection, TCP on
 * loopback and the Unix socket alike, so that another local user (or any process of this one
 * that lacks the passwords file) cannot connect as the superuser.
 *
 * <p>A new data directory is initialised that way ({@code initdb --auth=scram-sha-256
 * --pwfile}). One made by an older Platewatch (trust for every local connection) is secured on
 * its first start: the superuser gets its password, pg_hba.conf is rewritten, the server
 * reloads, and this class waits until a connection without a password is refused.
 */
final class EmbeddedAuthentication {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthentication.class);
    static final String SUPERUSER = "postgres";

    static final String PG_HBA = """
            # Written by Platewatch: every connection needs its role's password (scram-sha-256).
            # The passwords are in DATA_DIR/postgres-passwords.properties (owner-only).
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            """;

    private EmbeddedAuthentication() {}

    /** True when pg_hba.conf lets some connection in without a password (an older data directory). */
    static boolean trustsConnections(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("pg_hba.conf"));
            return lines.stream()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split("\\s+"))
                    .anyMatch(f -> List.of(f).contains("trust"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pgData.resolve("pg_hba.conf"), e);
        }
    }

    /** Gives a trust-era data directory its passwords and locks it; the server is running on {@code port}. */
    static void upgradeFromTrust(Path pgData, int port, EmbeddedDatabasePasswords passwords) {
        log.warn(
                "The embedded PostgreSQL in {} accepted local connections without a password; setting "
                        + "passwords (kept in {}) and switching it to scram-sha-256",
                pgData,
                EmbeddedDatabasePasswords.FILE_NAME);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, null);
                Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET password_encryption = 'scram-sha-256'");
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + passwords.owner() + "'");
            Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot secure the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + pgData.resolve("pg_hba.conf"), e);
        }
        awaitPasswordRequired(url);
    }

    /** The reload is asynchronous: wait until the postmaster refuses a connection without a password. */
    private static void awaitPasswordRequired(String url) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Properties noPassword = new Properties();
            noPassword.setProperty("user", SUPERUSER);
            try (Connection ignored = DriverManager.getConnection(url, noPassword)) {
                sleep();
            } catch (SQLException refused) {
                return;
            }
        }
        throw new IllegalStateException("the embedded PostgreSQL still accepts connections without a password "
                + "after pg_hba.conf was rewritten");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
