package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.platewatch.plate.UsState;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionSource;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.reads.StoredBatch;
import org.platewatch.server.reads.VehicleDescription;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For cameras that send photos only: the server reads the plate, stores the detection with the
 * recogniser's confidence (source RECOGNIZED) and keeps the photo as the read's image. A photo in
 * which no plate is read confidently enough is answered with what was seen and stores nothing.
 */
@RestController
class PhotoUploadController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlateReader reader;
    private final DetectionStore store;
    private final ImageStore images;
    private final ApplicationEventPublisher events;
    private final IngestProperties limits;
    private final RecognitionProperties recognition;
    private final CaptureWindow window;

    PhotoUploadController(PlateReader reader, DetectionStore store, ImageStore images,
            ApplicationEventPublisher events, IngestProperties limits, RecognitionProperties recognition,
            CaptureWindow window) {
        this.reader = reader;
        this.store = store;
        this.images = images;
        this.events = events;
        this.limits = limits;
        this.recognition = recognition;
        this.window = window;
    }

    @Operation(summary = "Upload a photo with its read metadata; the server reads the plate (device token)")
    @PostMapping(path = "/api/v1/reads/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> photo(@AuthenticationPrincipal Device device, @RequestPart("read") String metadata,
            @RequestPart("image") MultipartFile image) throws IOException {
        ReadBatchParser.Fields read = new ReadBatchParser.Fields(parse(metadata), "read");
        if (image.getSize() > limits.maxImageSize().toBytes()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "image",
                    "image: larger than the " + limits.maxImageSize().toKilobytes() + " KiB this server accepts");
        }
        byte[] jpeg = image.getBytes();
        ReadUploadController.requireJpeg(jpeg);
        var metadataRead = new PhotoMetadata(read, device, window);
        PlateReader.Reading reading = reader.read(jpeg);
        List<Map<String, Object>> candidates = reading.candidates().stream().map(PhotoUploadController::describe)
                .toList();
        if (reading.candidates().isEmpty()
                || reading.candidates().get(0).confidence() < recognition.minConfidence()) {
            return Map.of("accepted", 0, "duplicates", 0, "candidates", candidates);
        }
        PlateCandidate best = reading.candidates().get(0);
        NewDetection detection = new NewDetection(metadataRead.readId, best.plate(), state(best.region()),
                best.confidence(), metadataRead.capturedAt, metadataRead.latitude, metadataRead.longitude,
                metadataRead.heading, vehicle(reading), DetectionSource.RECOGNIZED);
        StoredBatch stored = store.store(device.id(), List.of(detection));
        String sha = images.put(jpeg);
        store.attachImage(device.id(), detection.readId(), sha);
        if (!stored.accepted().isEmpty()) {
            events.publishEvent(new ReadsIngested(device, stored.accepted()));
        }
        return Map.of("accepted", stored.accepted().size(), "duplicates", stored.duplicates(),
                "candidates", candidates);
    }

    private static JsonNode parse(String metadata) {
        try {
            return JSON.readTree(metadata);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "read", "read: the part is not well-formed JSON");
        }
    }

    /** Only a US region becomes a state; anything else stays unknown rather than guessed. */
    static String state(String region) {
        if (region == null || !region.toLowerCase(Locale.ROOT).startsWith("us-")) {
            return null;
        }
        return UsState.fromCode(region.substring(3)).map(Enum::name).orElse(null);
    }

    private static VehicleDescription vehicle(PlateReader.Reading reading) {
        if (reading.vehicle() == null) {
            return VehicleDescription.NONE;
        }
        return new VehicleDescription(reading.vehicle().make(), null, reading.vehicle().colour(),
                reading.vehicle().type());
    }

    private static Map<String, Object> describe(PlateCandidate c) {
        return Map.of("plate", c.plate(), "confidence", Math.round(c.confidence() * 1000) / 1000.0,
                "region", c.region() == null ? "" : c.region(),
                "box", List.of(c.box().x(), c.box().y(), c.box().width(), c.box().height()));
    }

    /** The read's own fields, validated as strictly as a JSON upload's; the plate comes from the photo. */
    private static final class PhotoMetadata {
        final java.util.UUID readId;
        final java.time.Instant capturedAt;
        final double latitude;
        final double longitude;
        final Double heading;

        PhotoMetadata(ReadBatchParser.Fields read, Device device, CaptureWindow window) {
            readId = read.uuid("readId");
            capturedAt = window.check(read.instant("capturedAt"), "read.capturedAt");
            Double lat = read.optionalNumber("latitude", -90, 90);
            Double lon = read.optionalNumber("longitude", -180, 180);
            if (lat == null || lon == null) {
                if (!device.hasLocation()) {
                    throw ProblemException.invalid("read." + (lat == null ? "latitude" : "longitude"),
                            "is required from a mobile unit");
                }
                lat = device.latitude();
                lon = device.longitude();
            }
            latitude = lat;
            longitude = lon;
            Double h = read.optionalNumber("heading", 0, 360);
            heading = h != null ? h : device.heading();
        }
    }
}
