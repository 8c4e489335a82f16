package org.platewatch.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A patrol car's GPS receiver: NMEA 0183 sentences read line by line from a TCP port ({@code tcp://HOST:PORT}, as
 * gpsd's raw mode or a receiver's network output gives them) or from a serial device ({@code /dev/ttyUSB0}, set to
 * the receiver's speed beforehand with {@code stty}). The newest valid {@link Nmea.Fix} is kept; an image that
 * carries no position of its own (no sidecar, no EXIF GPS) takes it, while it is fresh. A dropped connection is
 * reopened every few seconds: the car drives on, and a stale fix is never used.
 */
final class GpsFeed implements AutoCloseable {

    private static final Logger log = Logger.getLogger(GpsFeed.class.getName());
    private static final Duration REOPEN_AFTER = Duration.ofSeconds(3);
    /** A line longer than NMEA's 82 characters (with room for vendor sentences) is noise, not a sentence. */
    private static final int MAX_LINE = 256;

    private final String source;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicReference<Received> latest = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile AutoCloseable open;
    private Thread reader;

    /** A fix and when the agent received it (the receiver's own time may be off; freshness is the agent's). */
    private record Received(Nmea.Fix fix, Instant at) {}

    GpsFeed(String source, Duration maxAge, Clock clock) {
        this.source = source;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Starts reading in the background. */
    GpsFeed start() {
        reader = new Thread(this::readLoop, "gps-feed");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** The newest valid fix, if one came within the maximum age. */
    Optional<Nmea.Fix> current() {
        Received r = latest.get();
        if (r == null || Duration.between(r.at(), clock.instant()).compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        return Optional.of(r.fix());
    }

    /** The feed's source as given, for {@code edge check}. */
    String source() {
        return source;
    }

    /** Takes one line of the feed; what is not a valid position sentence is ignored. */
    void accept(String line) {
        Nmea.parse(line).ifPresent(fix -> latest.set(new Received(fix, clock.instant())));
    }

    private void readLoop() {
        while (running) {
            try (InputStream in = openStream()) {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String line;
                while (running && (line = lines.readLine()) != null) {
                    if (line.length() <= MAX_LINE) {
                        accept(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warning("GPS feed " + source + " unavailable ("
                            + e.getClass().getSimpleName() + "); reopening in " + REOPEN_AFTER.toSeconds() + " s");
                }
            }
            sleep(REOPEN_AFTER);
        }
    }

    private InputStream openStream() throws IOException {
        if (source.startsWith("tcp://")) {
            URI uri = URI.create(source);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IOException("not tcp://HOST:PORT");
            }
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            open = socket;
            return socket.getInputStream();
        }
        InputStream in = Files.newInputStream(Path.of(source));
        open = in;
        return in;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        AutoCloseable o = open;
        if (o != null) {
            try {
                o.close();
            } catch (Exception e) {
                // closing to stop the reader; nothing to keep
            }
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
