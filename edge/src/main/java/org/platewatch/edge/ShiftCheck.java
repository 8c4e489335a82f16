package org.platewatch.edge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.UnreadableImageException;

/**
 * {@code bin/platewatch edge check}: the equipment check at the start of a shift (Alameda 462.3(b)4).
 * One line per item, {@code PASS} or {@code FAIL} with what was seen; exit status 1 on any failure; the
 * result is recorded on the server for the unit, where the cameras page flags a unit that started its
 * shift without a passing check.
 */
final class ShiftCheck {

    /** One checked item. */
    record Item(String name, boolean passed, String detail) {}

    private final EdgeOptions options;
    private final PlateReader reader;
    private final Clock clock;
    private final PrintStream out;

    ShiftCheck(EdgeOptions options, PlateReader reader, Clock clock, PrintStream out) {
        this.options = options;
        this.reader = reader;
        this.clock = clock;
        this.out = out;
    }

    int run() throws IOException {
        Instant started = clock.instant();
        ServerClient server = new ServerClient(options.server(), options.token(), Duration.ofSeconds(10));
        Optional<DevicePolicy> policy = server.devicePolicy();
        Files.createDirectories(options.dataDir());
        DeviceSettings device = new DeviceSettings(options.dataDir(), options.maxTransferInterval());
        policy.ifPresent(device::learnt);

        List<Item> items = new ArrayList<>();
        Optional<Capture> image = newestImage();
        items.add(camera(image));
        items.add(clock(policy));
        items.add(gps(image, device.known()));
        items.add(recognition());
        items.add(hotlist(server));
        items.add(server(policy));
        boolean passed = items.stream().allMatch(Item::passed);
        for (Item i : items) {
            out.println((i.passed() ? "PASS " : "FAIL ") + i.name() + ": " + i.detail());
        }
        boolean recorded = server.recordCheck(started, passed, items);
        out.println((passed ? "shift-start check passed" : "shift-start check FAILED")
                + (recorded ? "; recorded on the server" : "; NOT recorded on the server (unreachable)"));
        out.flush();
        return passed ? 0 : 1;
    }

    /** The newest complete image the source delivers within {@code --camera-wait}. */
    private Optional<Capture> newestImage() {
        Instant deadline = clock.instant().plus(options.cameraWait());
        while (true) {
            Optional<Capture> c = options.snapshotSource() ? snapshot() : newestFile(deadline);
            if (c.isPresent() || !clock.instant().isBefore(deadline)) {
                return c;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Optional<Capture> snapshot() {
        try {
            List<Capture> got = EdgeRuntime.source(options, clock).poll();
            return got.isEmpty() ? Optional.empty() : Optional.of(got.get(0));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A file written within the wait (before the check or during it) counts; an old one does not. */
    private Optional<Capture> newestFile(Instant deadline) {
        Path dir = Path.of(options.source());
        Instant since = deadline.minus(options.cameraWait()).minus(options.cameraWait());
        Path newest = null;
        Instant newestAt = since;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, DirectorySource::isImageName)) {
            for (Path f : files) {
                Instant at = Files.getLastModifiedTime(f).toInstant();
                if (at.isAfter(newestAt) && Files.size(f) > 0) {
                    newest = f;
                    newestAt = at;
                }
            }
            if (newest == null) {
                return Optional.empty();
            }
            Path sidecar = DirectorySource.sidecarOf(newest);
            return Optional.of(new Capture(
                    newest.getFileName().toString(),
                    Files.readAllBytes(newest),
                    newest,
                    Files.exists(sidecar) ? sidecar : null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Item camera(Optional<Capture> image) {
        if (image.isEmpty()) {
            return new Item(
                    "camera",
                    false,
                    "no image from " + new DirectorySourceName(options).text() + " within "
                            + BacklogMonitor.human(options.cameraWait()));
        }
        try {
            Recognizer.decode(image.get().jpeg());
        } catch (UnreadableImageException e) {
            return new Item("camera", false, "the newest image (" + image.get().name() + ") is not a readable image");
        }
        return new Item("camera", true, "image " + image.get().name() + " delivered and readable");
    }

    private Item clock(Optional<DevicePolicy> policy) {
        Instant now = clock.instant();
        if (now.isBefore(Instant.parse("2024-01-01T00:00:00Z"))) {
            return new Item("clock", false, "the unit's clock says " + now + ", before this software was built");
        }
        if (policy.isEmpty() || policy.get().serverTime() == null) {
            return new Item("clock", false, "cannot compare with the server's clock (server not reachable)");
        }
        Duration skew = Duration.between(policy.get().serverTime(), now).abs();
        // The Date header has whole seconds: allow one more.
        boolean ok = skew.compareTo(options.clockTolerance().plusSeconds(1)) <= 0;
        return new Item(
                "clock",
                ok,
                (ok ? "within " : "off by ") + skew.toSeconds() + " s of the server's (limit "
                        + options.clockTolerance().toSeconds() + " s)");
    }

    private Item gps(Optional<Capture> image, DeviceSettings.Known device) {
        if ("FIXED".equals(device.kind()) && device.hasRegisteredPosition()) {
            return new Item("gps", true, "fixed camera at its registered position");
        }
        if (options.gps() != null) {
            return receiver();
        }
        if (image.isEmpty()) {
            return new Item("gps", false, "no image to read a position from");
        }
        CaptureFacts facts;
        try {
            facts = CaptureFacts.of(image.get(), options.cameraZone(), clock);
        } catch (IOException | RuntimeException e) {
            return new Item("gps", false, "the newest image's position cannot be read: " + e.getMessage());
        }
        if (!facts.hasPosition()) {
            return new Item("gps", false, "the newest image has no position (no sidecar or EXIF GPS fix)");
        }
        if (Math.abs(facts.latitude()) > 90 || Math.abs(facts.longitude()) > 180) {
            return new Item("gps", false, "the newest image's position is out of range");
        }
        Duration age = Duration.between(facts.capturedAt(), clock.instant()).abs();
        if (age.compareTo(options.cameraWait().plus(options.clockTolerance()).multipliedBy(2)) > 0) {
            return new Item(
                    "gps",
                    false,
                    "the newest image's time (" + facts.timeSource() + ") is " + BacklogMonitor.human(age)
                            + " away from the clock");
        }
        return new Item("gps", true, "position fix present, time from " + facts.timeSource());
    }

    /** The car's GPS receiver ({@code --gps}): a valid fix within the camera wait, its time near the clock's. */
    private Item receiver() {
        try (GpsFeed feed = new GpsFeed(options.gps(), options.gpsMaxAge(), clock).start()) {
            long deadline = System.nanoTime() + options.cameraWait().toNanos();
            Optional<Nmea.Fix> fix = feed.current();
            while (fix.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                fix = feed.current();
            }
            if (fix.isEmpty()) {
                return new Item(
                        "gps",
                        false,
                        "no valid fix from " + options.gps() + " within " + BacklogMonitor.human(options.cameraWait()));
            }
            Duration skew = Duration.between(fix.get().time(), clock.instant()).abs();
            if (skew.compareTo(options.clockTolerance()) > 0) {
                return new Item(
                        "gps", false, "the receiver's time is " + BacklogMonitor.human(skew) + " off the clock");
            }
            return new Item("gps", true, "valid fix from " + options.gps());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Item("gps", false, "interrupted while waiting for a fix");
        }
    }

    private Item recognition() {
        long start = System.nanoTime();
        try {
            List<PlateCandidate> c = reader.read(ReferencePlate.jpeg());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!c.isEmpty() && ReferencePlate.PLATE.equals(c.get(0).plate())) {
                return new Item(
                        "recognition",
                        true,
                        "reference plate read in " + ms + " ms, confidence "
                                + String.format(
                                        java.util.Locale.ROOT, "%.2f", c.get(0).confidence()));
            }
            return new Item("recognition", false, "the reference plate was not read correctly");
        } catch (RuntimeException e) {
            return new Item(
                    "recognition", false, "recognition failed: " + e.getClass().getSimpleName());
        }
    }

    private Item hotlist(ServerClient server) {
        Sealer sealer = new Sealer(JournalKey.load(System.getenv(JournalKey.ENV), options.keyFile()));
        HotlistCopy copy = new HotlistCopy(options.dataDir(), options.hotlistKey(), sealer, clock);
        copy.loadSaved();
        copy.refresh(server);
        HotlistCopy.Lists lists = copy.current();
        Instant now = clock.instant();
        if (lists.version() == null) {
            return new Item("hotlist", false, "no verified hot-list copy on the unit");
        }
        Duration confirmed = Duration.between(lists.verifiedAt(), now);
        if (confirmed.compareTo(options.hotlistStaleAfter()) > 0) {
            return new Item(
                    "hotlist",
                    false,
                    "stale: last confirmed by the server " + BacklogMonitor.human(confirmed) + " ago (limit "
                            + BacklogMonitor.human(options.hotlistStaleAfter()) + ")");
        }
        if (lists.maxAge() != null) {
            for (Map.Entry<String, Instant> l : lists.listsAsOf().entrySet()) {
                Duration age = Duration.between(l.getValue(), now);
                if (age.compareTo(lists.maxAge()) > 0) {
                    return new Item(
                            "hotlist",
                            false,
                            "stale: list " + l.getKey() + " holds data " + BacklogMonitor.human(age) + " old (limit "
                                    + BacklogMonitor.human(lists.maxAge()) + ")");
                }
            }
        }
        return new Item(
                "hotlist",
                true,
                lists.index().size() + " entries, version " + lists.version().substring(0, 12) + ", confirmed "
                        + BacklogMonitor.human(confirmed) + " ago");
    }

    private static Item server(Optional<DevicePolicy> policy) {
        return policy.map(p -> new Item("server", true, "reachable; this unit is registered as " + p.name()))
                .orElseGet(() -> new Item("server", false, "not reachable, or the device token is refused"));
    }

    /** The source as a check line names it. */
    private record DirectorySourceName(EdgeOptions options) {
        String text() {
            return options.snapshotSource() ? "the snapshot URL" : "directory " + options.source();
        }
    }
}
