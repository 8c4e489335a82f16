package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.PlatewatchApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * The embedded PostgreSQL as a local attacker meets it: connecting as the superuser without the
 * password file's password is refused, on a new data directory and on one an older Platewatch
 * left open (trust); and the application never runs as the owner of an external schema.
 */
class EmbeddedDatabaseAuthenticationTest {

    @TempDir
    Path dataDir;

    @Test
    void theSuperuserNeedsThePasswordFromTheOwnerOnlyFile() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(dataDir)) {
            String url = server.jdbcUrl("postgres");
            assertRefused(url, null);
            assertRefused(url, "not-the-password");
            assertRefused("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", null);

            Path file = dataDir.resolve(EmbeddedDatabasePasswords.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            String password = EmbeddedDatabasePasswords.read(file).owner();
            try (Connection c = DriverManager.getConnection(url, "postgres", password);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$");
            }
            assertThat(EmbeddedAuthentication.trustsConnections(dataDir.resolve("postgres")))
                    .isFalse();

            // A CLI subcommand while the server runs attaches with the same file.
            EmbeddedPostgresServer guest = EmbeddedPostgresServer.startOrAttach(dataDir);
            assertThat(guest.owned()).isFalse();
            assertThat(guest.passwords().owner()).isEqualTo(password);
        }
    }

    @Test
    void aDataDirectoryThatTrustedLocalConnectionsIsLockedOnStart() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData.toFile())
                        .setOverrideWorkingDirectory(
                                dataDir.resolve("postgres-binaries").toFile())
                        .setCleanDataDirectory(false)
                        .start();
                Connection open = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
                Statement s = open.createStatement()) {
            s.execute("CREATE TABLE kept (id int)"); // the way older versions ran: no password at all
        }
        assertThat(EmbeddedAuthentication.trustsConnections(pgData)).isTrue();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(dataDir)) {
            String url = server.jdbcUrl("postgres");
            assertRefused(url, null);
            try (Connection c = DriverManager.getConnection(
                            url, "postgres", server.passwords().owner());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
                assertThat(rs.next()).as("the existing data is still there").isTrue();
            }
        }
        // ... and stays locked on the next start.
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrAttach(dataDir)) {
            assertRefused(again.jdbcUrl("postgres"), null);
        }
    }

    @Test
    void outsideTheDemoTheApplicationDoesNotRunAsTheOwnerOfAnExternalSchema() {
        for (String appUser : new String[] {"", "owner"}) {
            SpringApplication app = new SpringApplication(PlatewatchApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            assertThatThrownBy(() -> app.run(
                            "--platewatch.data-dir=" + dataDir,
                            "--platewatch.db.url=jdbc:postgresql://localhost:1/none",
                            "--platewatch.db.user=owner",
                            "--platewatch.db.app-user=" + appUser,
                            "--logging.file.name=" + dataDir.resolve("test.log")))
                    .rootCause()
                    .isInstanceOf(UnsafeDatabaseSetup.class)
                    .hasMessageStartingWith("refusing to start: the application would connect to the external "
                            + "database as the schema owner 'owner'")
                    .hasMessageNotContaining("\n");
        }
    }

    private static void assertRefused(String url, String password) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, p).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("password", "authentication"));
    }
}
