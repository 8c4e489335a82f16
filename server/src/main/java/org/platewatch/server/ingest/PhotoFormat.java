package org.platewatch.server.ingest;

import java.util.List;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A photo with its read's metadata, from a camera that sends photos only: the server reads the
 * plate ({@link PlateReader}) and the photo becomes the read's image. A photo in which no plate is
 * read confidently enough ({@code platewatch.recognition.min-confidence}) gives no read; the answer
 * still says what was seen.
 */
@Component
class PhotoFormat implements ReadFormat<PhotoFormat.Photo> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlateReader reader;
    private final RecognitionProperties recognition;
    private final IngestProperties limits;

    PhotoFormat(PlateReader reader, RecognitionProperties recognition, IngestProperties limits) {
        this.limits = limits;
        this.reader = reader;
        this.recognition = recognition;
    }

    /** The {@code read} part (JSON) and the {@code image} part of the multipart upload. */
    record Photo(String metadata, byte[] jpeg) {}

    @Override
    public Adapted adapt(Photo photo, Device device) {
        JsonFields read = new JsonFields(parse(photo.metadata()), "read");
        var readId = read.uuid("readId");
        var capturedAt = read.instant("capturedAt");
        Double latitude = read.optionalNumber("latitude");
        Double longitude = read.optionalNumber("longitude");
        Double heading = read.optionalNumber("heading");
        JpegImages.requireJpeg(photo.jpeg(), limits.maxImagePixels());

        PlateReader.Reading reading = reader.read(photo.jpeg());
        List<PlateCandidate> candidates = reading.candidates();
        if (candidates.isEmpty() || candidates.get(0).confidence() < recognition.minConfidence()) {
            return new Adapted(List.of(), null, candidates);
        }
        PlateCandidate best = candidates.get(0);
        ReportedRead reported = new ReportedRead(
                readId,
                best.plate(),
                UsState.fromRegion(best.region()).orElse(null),
                best.confidence(),
                1,
                capturedAt,
                latitude,
                longitude,
                heading,
                vehicle(reading),
                DetectionSource.RECOGNIZED,
                ReportedRead.Fields.under("read"));
        return new Adapted(List.of(reported), photo.jpeg(), candidates);
    }

    private static JsonNode parse(String metadata) {
        try {
            return JSON.readTree(metadata);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "read", "read: the part is not well-formed JSON");
        }
    }

    /** Recognition estimates only the colour; it never guesses a make or a type. */
    private static VehicleDescription vehicle(PlateReader.Reading reading) {
        return reading.vehicle() == null ? VehicleDescription.UNKNOWN : reading.vehicle();
    }
}
