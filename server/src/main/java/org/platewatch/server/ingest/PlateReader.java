package org.platewatch.server.ingest;

import jakarta.annotation.PreDestroy;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.UnreadableImageException;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The server's plate reader: the recognition models, loaded once on first use (a server whose
 * cameras all send plate text never pays for them), shared by all requests, with a bound on how
 * many photos are read at once.
 */
@Component
class PlateReader {

    static final ProblemType RECOGNITION_OFF = new ProblemType(
            "recognition-disabled", "This server does not read plates from photos", HttpStatus.SERVICE_UNAVAILABLE);

    private final RecognitionProperties properties;
    private final Semaphore permits;
    private volatile Recognizer recognizer;

    PlateReader(RecognitionProperties properties) {
        this.properties = properties;
        this.permits = new Semaphore(Math.max(1, properties.concurrent()));
    }

    /** What the photo shows: candidates best first, and the vehicle's colour around the best one. */
    Reading read(byte[] jpeg) {
        if (!properties.enabled()) {
            throw new ProblemException(
                    RECOGNITION_OFF,
                    "Plate recognition is turned off on this server "
                            + "(platewatch.recognition.enabled); send plate text instead");
        }
        // Decoding holds the whole image in memory: it counts against the permits like recognition does.
        permits.acquireUninterruptibly();
        try {
            BufferedImage image;
            try {
                image = Recognizer.decode(jpeg);
            } catch (UnreadableImageException e) {
                throw ProblemException.invalid("image", "is not a readable image");
            }
            Recognizer r = recognizer();
            List<PlateCandidate> candidates = r.recognize(image);
            Optional<VehicleDescription> vehicle = candidates.isEmpty()
                    ? Optional.empty()
                    : r.describeVehicle(image, candidates.get(0).box());
            return new Reading(candidates, vehicle.orElse(null));
        } finally {
            permits.release();
        }
    }

    private Recognizer recognizer() {
        Recognizer r = recognizer;
        if (r == null) {
            synchronized (this) {
                if (recognizer == null) {
                    recognizer = new Recognizer();
                }
                r = recognizer;
            }
        }
        return r;
    }

    @PreDestroy
    synchronized void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    /** The candidates of one photo, best first, and the vehicle colour (null when not estimated). */
    record Reading(List<PlateCandidate> candidates, VehicleDescription vehicle) {}
}
