package org.platewatch.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.UnreadableImageException;

/**
 * The steps an image takes on the unit, in order: read the plate → when and where it was taken →
 * <b>journal the read</b> (durable before anything else is done with it) → let the source forget the
 * image → match it against the local hot lists → alert the officer and put the read first in the upload
 * queue. An image that cannot be read is set aside with its reason logged, and the next one goes on.
 */
final class CapturePipeline {

    private static final Logger log = Logger.getLogger(CapturePipeline.class.getName());

    private final PlateReader reader;
    private final Journal journal;
    private final HotlistCopy hotlists;
    private final LocalAlerts alerts;
    private final double minConfidence;
    private final ZoneId cameraZone;
    private final Clock clock;
    private final Supplier<Optional<Nmea.Fix>> gps;

    CapturePipeline(
            PlateReader reader,
            Journal journal,
            HotlistCopy hotlists,
            LocalAlerts alerts,
            double minConfidence,
            ZoneId cameraZone,
            Clock clock) {
        this(reader, journal, hotlists, alerts, minConfidence, cameraZone, clock, Optional::empty);
    }

    /** With the car's GPS receiver, for images that carry no position of their own. */
    CapturePipeline(
            PlateReader reader,
            Journal journal,
            HotlistCopy hotlists,
            LocalAlerts alerts,
            double minConfidence,
            ZoneId cameraZone,
            Clock clock,
            Supplier<Optional<Nmea.Fix>> gps) {
        this.gps = gps;
        this.reader = reader;
        this.journal = journal;
        this.hotlists = hotlists;
        this.alerts = alerts;
        this.minConfidence = minConfidence;
        this.cameraZone = cameraZone;
        this.clock = clock;
    }

    /** What became of one image. */
    enum Outcome {
        JOURNALLED,
        ALREADY_JOURNALLED,
        NO_PLATE,
        SKIPPED
    }

    Outcome take(CaptureSource source, Capture capture) throws IOException {
        List<PlateCandidate> candidates;
        CaptureFacts facts;
        try {
            candidates = reader.read(capture.jpeg());
            facts = CaptureFacts.of(capture, cameraZone, clock, gps.get());
        } catch (UnreadableImageException | CaptureFacts.BadSidecarException e) {
            log.warning("Image " + capture.name() + " skipped: " + reason(e));
            source.rejected(capture);
            return Outcome.SKIPPED;
        }
        if (candidates.isEmpty() || candidates.get(0).confidence() < minConfidence) {
            source.taken(capture);
            return Outcome.NO_PLATE;
        }
        PlateCandidate best = candidates.get(0);
        UsState state = UsState.fromRegion(best.region()).orElse(null);
        JournalRead read = new JournalRead(
                readIdOf(capture.jpeg()),
                facts.capturedAt(),
                best.plate(),
                state,
                best.confidence(),
                facts.latitude(),
                facts.longitude(),
                facts.heading(),
                capture.jpeg());
        boolean fresh = journal.add(read);
        source.taken(capture);
        if (!fresh) {
            log.info("Image " + capture.name() + " was journalled before as read " + read.readId());
            return Outcome.ALREADY_JOURNALLED;
        }
        List<HotlistMatch> matches = hotlists.match(read.plate(), state);
        for (HotlistMatch m : matches) {
            alerts.raise(read.readId(), read.capturedAt(), read.plate(), state == null ? null : state.name(), m);
        }
        if (!matches.isEmpty()) {
            journal.prioritise(read.readId());
        }
        return Outcome.JOURNALLED;
    }

    /**
     * The read id is a name-based UUID of the image's SHA-256: the same image taken twice (after a crash
     * between journalling and deleting the file) is the same read, so it is journalled and stored once.
     */
    static UUID readIdOf(byte[] jpeg) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jpeg);
            return UUID.nameUUIDFromBytes(
                    ("platewatch-edge:" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof UnreadableImageException ? "not a readable image" : e.getMessage();
    }
}
