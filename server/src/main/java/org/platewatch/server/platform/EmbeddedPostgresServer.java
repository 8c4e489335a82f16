package org.platewatch.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that runs beside Platewatch when no external database is configured.
 *
 * <p>Real PostgreSQL binaries from a Maven Central artifact, with the data directory under
 * {@code DATA_DIR/postgres}. Unlike the library's test defaults, it runs durable: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} are on, because this is the department's
 * record of detections and its audit trail.
 *
 * <p>Ownership: the JVM that starts the server writes its own PID to {@code owner.pid}. A second
 * Platewatch process (for example {@code bin/platewatch device add} while the server runs) finds a
 * live owner and connects to the running server instead of starting one. A server whose owner died
 * is stopped and started afresh, and a small watchdog stops the server within seconds if its owner
 * JVM is killed, so a crash never leaves PostgreSQL holding the data directory for good.
 *
 * <p>Authentication: every connection needs a password (scram-sha-256, {@link EmbeddedAuthentication});
 * the server listens on loopback only, and the passwords are in {@code DATA_DIR/postgres-passwords.properties}
 * (0600), which an attaching process reads as well.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(30);

    private final Path pgData;
    private final EmbeddedPostgres owned;
    private final int port;
    private final EmbeddedDatabasePasswords passwords;

    private EmbeddedPostgresServer(Path pgData, EmbeddedPostgres owned, int port, EmbeddedDatabasePasswords passwords) {
        this.pgData = pgData;
        this.owned = owned;
        this.port = port;
        this.passwords = passwords;
    }

    /** Connects to the server already running on this data directory, or starts one. */
    public static EmbeddedPostgresServer startOrAttach(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Path work = dataDir.resolve("postgres-binaries").toAbsolutePath();
        try {
            Files.createDirectories(pgData);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + pgData, e);
        }
        EmbeddedDatabasePasswords.Loaded secrets = EmbeddedDatabasePasswords.loadOrCreate(dataDir);
        Optional<Integer> running = livePortOfRunningOwner(pgData);
        if (running.isPresent()) {
            log.info("Using the embedded PostgreSQL already running for this data directory (port {})", running.get());
            return new EmbeddedPostgresServer(pgData, null, running.get(), secrets.passwords());
        }
        stopStaleServer(pgData);
        boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
        boolean trustEra = !fresh && EmbeddedAuthentication.trustsConnections(pgData);
        if (!fresh && !trustEra && secrets.created()) {
            throw new IllegalStateException("the embedded PostgreSQL in " + pgData + " is password-protected but "
                    + EmbeddedDatabasePasswords.file(dataDir) + " was missing; restore it from the backup of the "
                    + "data directory (a new one was written and does not match: delete it before restoring)");
        }
        Path pwfile = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData.toFile())
                    .setOverrideWorkingDirectory(work.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // the library's readiness check connects as the superuser: with its password (a trust-era
                    // directory ignores it until it is upgraded below)
                    .setConnectConfig("password", secrets.passwords().owner())
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (fresh) {
                // initdb takes its options after the library's "-A trust": the later --auth wins, and the
                // superuser gets its password before the server first listens.
                pwfile = OwnerOnlyFiles.createPasswordFile(
                        work, secrets.passwords().owner());
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
            }
            EmbeddedPostgres pg = builder.start();
            writeOwner(pgData);
            startWatchdog(pgData);
            if (trustEra) {
                EmbeddedAuthentication.upgradeFromTrust(pgData, pg.getPort(), secrets.passwords());
            }
            log.info("Started embedded PostgreSQL on port {} with data in {}", pg.getPort(), pgData);
            return new EmbeddedPostgresServer(pgData, pg, pg.getPort(), secrets.passwords());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
        } finally {
            deleteQuietly(pwfile);
        }
    }

    public int port() {
        return port;
    }

    /** The superuser's and the application role's passwords (from the passwords file). */
    public EmbeddedDatabasePasswords passwords() {
        return passwords;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** True when this process started the server and will stop it on close. */
    public boolean owned() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
            Files.deleteIfExists(pgData.resolve("owner.pid"));
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static Optional<Integer> livePortOfRunningOwner(Path pgData) {
        Optional<Long> postmaster = postmasterPid(pgData);
        Optional<Long> owner = readPid(pgData.resolve("owner.pid"));
        if (postmaster.isEmpty() || owner.isEmpty() || !alive(postmaster.get()) || !alive(owner.get())) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A server left behind by a JVM that died: ask it to stop (fast shutdown), then wait for it. */
    private static void stopStaleServer(Path pgData) {
        Optional<Long> pid = postmasterPid(pgData);
        if (pid.isEmpty() || !alive(pid.get())) {
            return;
        }
        log.warn("Stopping an embedded PostgreSQL (pid {}) left running by a process that has gone", pid.get());
        signal(pid.get(), "INT");
        long deadline = System.nanoTime() + STALE_STOP_WAIT.toNanos();
        while (alive(pid.get()) && System.nanoTime() < deadline) {
            sleep(200);
        }
        if (alive(pid.get())) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Stops PostgreSQL once this JVM is gone, however it went (kill -9 included). It is a shell
     * loop rather than a JVM hook because a killed JVM runs no hooks.
     */
    private static void startWatchdog(Path pgData) {
        Optional<Long> pg = postmasterPid(pgData);
        if (pg.isEmpty()) {
            return;
        }
        long me = ProcessHandle.current().pid();
        String script = "while kill -0 " + me + " 2>/dev/null; do sleep 2; done; " + "kill -0 " + pg.get()
                + " 2>/dev/null && kill -INT " + pg.get();
        try {
            new ProcessBuilder("setsid", "sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn(
                    "No watchdog for the embedded PostgreSQL: {}; a crash will leave it running until the next start",
                    e.getMessage());
        }
    }

    private static Optional<Long> postmasterPid(Path pgData) {
        return readPid(pgData.resolve("postmaster.pid"));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(file).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeOwner(Path pgData) throws IOException {
        Files.writeString(
                pgData.resolve("owner.pid"),
                Long.toString(ProcessHandle.current().pid()));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the temporary password file {}: {}", file, e.getMessage());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
