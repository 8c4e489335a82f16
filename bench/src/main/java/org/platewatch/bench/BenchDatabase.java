package org.platewatch.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * A direct JDBC connection to the embedded PostgreSQL of a running bench server, as its schema owner: the
 * port from the server's {@code postmaster.pid}, the password from {@code DATA_DIR/postgres-passwords.properties}
 * (the file the server writes for its own command-line subcommands). The owner is needed for DDL (partitions,
 * indexes) and for COPY; nothing the benchmark measures runs on this connection.
 */
final class BenchDatabase {

    private static final String OWNER = "postgres";
    private static final String DATABASE = "platewatch";

    private BenchDatabase() {}

    static Connection connectAsOwner(Path dataDir) throws IOException, SQLException {
        return connectAsOwner(dataDir, new Properties());
    }

    /** The same, with extra driver properties (e.g. {@code prepareThreshold}). */
    static Connection connectAsOwner(Path dataDir, Properties extra) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        int port = Integer.parseInt(pid.get(3).trim());
        Properties passwords = new Properties();
        passwords.load(new StringReader(Files.readString(dataDir.resolve("postgres-passwords.properties"))));
        Properties props = new Properties();
        props.setProperty("user", OWNER);
        props.setProperty("password", passwords.getProperty("owner"));
        props.setProperty("ApplicationName", "platewatch-search-bench");
        // plate text must not end up in exception messages (house rule), even here
        props.setProperty("logServerErrorDetail", "false");
        props.putAll(extra);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + DATABASE, props);
    }
}
