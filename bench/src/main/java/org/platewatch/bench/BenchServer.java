package org.platewatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a separate process ({@code platewatch-server.jar serve}) on a fresh data directory, and
 * its command line for the set-up a benchmark needs. The benchmark talks to it only over HTTP, as a camera
 * and a console would, so nothing in {@code bench} links against {@code server}.
 */
final class BenchServer implements AutoCloseable {

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final Process process;

    private BenchServer(Path jar, Path dataDir, int port, Process process) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code server/target/platewatch-server.jar} under {@code -Dplatewatch.root} (or the jar named by
     * {@code -Dplatewatch.server.jar}, to compare two builds) and waits until it is healthy.
     */
    static BenchServer start(String name) throws Exception {
        return launch(
                jar(), Files.createTempDirectory("platewatch-" + name), freePort(), Duration.ofMinutes(3), List.of());
    }

    /** What keeps the server's retention purge off a kept data set: no purge at start, the daily one on 29 February. */
    private static final List<String> NO_PURGE =
            List.of("-Dplatewatch.retention.purge-at-start=false", "-Dplatewatch.retention.purge-cron=0 0 0 29 2 *");

    /**
     * Starts the server on a given data directory, kept afterwards (a benchmark's data set generated once and
     * reused). {@code startWait}: how long to wait for health; a new migration that builds an index over a big
     * data set runs before the server answers. The server's retention purge is kept off such a data set: a year of
     * generated detections is older than most profiles keep, and the purge would drop half of it at start.
     */
    static BenchServer start(Path dataDir, Duration startWait) throws Exception {
        Files.createDirectories(dataDir);
        return launch(jar(), dataDir, freePort(), startWait, NO_PURGE);
    }

    /**
     * Starts a server on a data directory that several servers share (a cluster's image store and keys), logging
     * to {@code DIR/LOG.out}; {@code options} are its JVM options (an external database, a broker).
     */
    static BenchServer start(Path dataDir, String log, List<String> options) throws Exception {
        return launch(jar(), dataDir, freePort(), Duration.ofMinutes(3), options, log);
    }

    private static Path jar() {
        Path root = Path.of(System.getProperty("platewatch.root", ".")).toAbsolutePath();
        Path jar = Path.of(System.getProperty(
                "platewatch.server.jar",
                root.resolve("server/target/platewatch-server.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: ./mvnw -B -DskipTests install (" + jar + " is missing)");
        }
        return jar;
    }

    /** Stops this server and starts it again on the same data directory and port, as an operator restarts it. */
    BenchServer restart() throws Exception {
        close();
        return launch(jar, dataDir, port, Duration.ofMinutes(3), List.of());
    }

    private static BenchServer launch(Path jar, Path dataDir, int port, Duration startWait, List<String> options)
            throws Exception {
        return launch(jar, dataDir, port, startWait, options, "server");
    }

    private static BenchServer launch(
            Path jar, Path dataDir, int port, Duration startWait, List<String> options, String log) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(options);
        String opts = System.getProperty("platewatch.server.opts", "");
        if (!opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of(
                // plain HTTP on localhost, as in the tests: a Secure session cookie would never come back
                "-Dserver.servlet.session.cookie.secure=false",
                "-jar",
                jar.toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve(log + ".out").toFile()))
                .redirectErrorStream(true)
                .start();
        BenchServer server = new BenchServer(jar, dataDir, port, process);
        try {
            server.waitForHealth(startWait);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Runs a command-line subcommand against this server's database (it attaches to the running embedded
     * PostgreSQL) and returns the first match of {@code printed} in what it printed.
     */
    String cli(Pattern printed, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = printed.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException(String.join(" ", args) + " printed no " + printed + ": " + out);
        }
        return m.group(1);
    }

    private void waitForHealth(Duration wait) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see its log in " + dataDir);
            }
            try {
                if (client.send(
                                        HttpRequest.newBuilder(uri("/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not become healthy within " + wait.toMinutes() + " minutes");
    }

    /**
     * CPU time of the server process so far, all its threads (user and system, from
     * {@code /proc/PID/stat} in clock ticks of 10 ms); -1 where there is no /proc.
     */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
