package org.platewatch.edge;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running agent: the parts wired together and their loops (capture, upload, hot-list refresh,
 * backlog report), each on its own thread, so that a slow server never holds up capture.
 */
final class EdgeRuntime implements AutoCloseable {

    private static final Logger log = Logger.getLogger(EdgeRuntime.class.getName());

    final EdgeOptions options;
    final Clock clock;
    final Journal journal;
    final ServerClient server;
    final HotlistCopy hotlists;
    final LocalAlerts alerts;
    final CaptureSource source;
    final CapturePipeline pipeline;
    final Uploader uploader;
    final DeviceSettings device;
    final BacklogMonitor backlog;
    final PlateReader reader;
    /** The car's GPS receiver, when {@code --gps} names one. */
    final GpsFeed gps;

    private final Instant startedAt;
    private AlertPage page;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private Thread captureThread;
    private Thread uploadThread;

    EdgeRuntime(EdgeOptions options, PlateReader reader, PrintStream terminal, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.reader = reader;
        this.startedAt = clock.instant();
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + options.dataDir(), e);
        }
        Sealer sealer = new Sealer(JournalKey.load(System.getenv(JournalKey.ENV), options.keyFile()));
        this.journal = new Journal(options.dataDir().resolve("journal.db"), sealer, clock);
        this.server = new ServerClient(options.server(), options.token(), Duration.ofSeconds(15));
        this.hotlists = new HotlistCopy(options.dataDir(), options.hotlistKey(), sealer, clock);
        this.alerts = new LocalAlerts(terminal, options.cameraZone());
        this.source = source(options, clock);
        this.gps = options.gps() == null ? null : new GpsFeed(options.gps(), options.gpsMaxAge(), clock).start();
        this.pipeline = new CapturePipeline(
                reader,
                journal,
                hotlists,
                alerts,
                options.minConfidence(),
                options.cameraZone(),
                clock,
                gps == null ? Optional::empty : gps::current);
        this.uploader = new Uploader(journal, server, options.batch());
        this.device = new DeviceSettings(options.dataDir(), options.maxTransferInterval());
        this.backlog =
                new BacklogMonitor(journal, clock, terminal, device::maxTransferInterval, options.warnFraction());
        hotlists.loadSaved();
    }

    static CaptureSource source(EdgeOptions options, Clock clock) {
        if (options.snapshotSource()) {
            return new SnapshotSource(URI.create(options.source()), options.snapshotInterval(), clock);
        }
        Path dir = Path.of(options.source());
        if (!Files.isDirectory(dir)) {
            throw new EdgeOptions.UsageException("--source: " + dir + " is not a directory");
        }
        return new DirectorySource(dir, options.dataDir().resolve("rejected"), options.settle(), clock);
    }

    void start() throws IOException {
        running = true;
        if (options.alertPort() >= 0) {
            page = new AlertPage(alerts, options.alertPort());
            alerts.pageAt(page.address());
            log.info("Alert page at " + page.address());
        }
        scheduler = Executors.newScheduledThreadPool(1, r -> daemon(r, "edge-schedule"));
        // The tasks catch what they throw; the futures only end with the scheduler.
        var unusedRefresh = scheduler.scheduleWithFixedDelay(
                this::refreshFromServer, 0, options.hotlistRefresh().toMillis(), TimeUnit.MILLISECONDS);
        var unusedReport = scheduler.scheduleWithFixedDelay(
                this::reportBacklog,
                options.backlogReport().toMillis(),
                options.backlogReport().toMillis(),
                TimeUnit.MILLISECONDS);
        captureThread = daemon(this::captureLoop, "edge-capture");
        uploadThread = daemon(this::uploadLoop, "edge-upload");
        captureThread.start();
        uploadThread.start();
    }

    private void captureLoop() {
        while (running) {
            try {
                List<Capture> ready = source.poll();
                for (Capture c : ready) {
                    pipeline.take(source, c);
                }
            } catch (IOException e) {
                log.warning("Camera source " + source.describe() + ": " + e.getMessage());
            } catch (JournalException e) {
                log.log(Level.SEVERE, "Journal write failed; capture pauses: " + e.getMessage());
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, "Capture failed: " + e.getClass().getSimpleName(), e);
            }
            sleep(options.poll());
        }
    }

    private void uploadLoop() {
        Backoff backoff = new Backoff(options.retryInitial(), options.retryMax());
        boolean down = false;
        while (running) {
            Uploader.Round r;
            try {
                r = uploader.round();
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, "Upload failed: " + e.getClass().getSimpleName(), e);
                r = Uploader.Round.UNAVAILABLE;
            }
            switch (r) {
                case PROGRESS -> {
                    if (down) {
                        log.info("Server reachable again; uploading the backlog");
                        down = false;
                    }
                    backoff.reset();
                }
                case IDLE -> {
                    backoff.reset();
                    sleep(options.poll());
                }
                case UNAVAILABLE -> {
                    Duration wait = backoff.next();
                    if (!down) {
                        log.warning("Server not answering; reads stay in the journal, retrying with backoff");
                        down = true;
                    }
                    sleep(wait);
                }
            }
        }
    }

    void refreshFromServer() {
        try {
            server.devicePolicy().ifPresent(device::learnt);
            hotlists.refresh(server);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Hot-list refresh failed: " + e.getClass().getSimpleName(), e);
        }
    }

    void reportBacklog() {
        try {
            BacklogMonitor.Report r = backlog.print();
            server.reportStatus(startedAt, r.backlog());
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Backlog report failed: " + e.getClass().getSimpleName(), e);
        }
    }

    AlertPage page() {
        return page;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        if (gps != null) {
            gps.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        for (Thread t : new Thread[] {captureThread, uploadThread}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (page != null) {
            page.close();
        }
        journal.close();
        reader.close();
    }
}
