package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.List;
import org.platewatch.recognition.PlateCandidate;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * For cameras that send photos only: the photo goes through the {@link ReadPipeline} like any
 * upload, its format ({@link PhotoFormat}) reading the plate. The answer says what was seen,
 * whether or not a read was stored.
 */
@RestController
class PhotoUploadController {

    private final ReadPipeline pipeline;
    private final PhotoFormat photos;
    private final IngestProperties limits;

    PhotoUploadController(ReadPipeline pipeline, PhotoFormat photos, IngestProperties limits) {
        this.pipeline = pipeline;
        this.photos = photos;
        this.limits = limits;
    }

    @Operation(summary = "Upload a photo with its read metadata; the server reads the plate (device token)")
    @PostMapping(path = "/api/v1/reads/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PhotoResult photo(
            Authentication device, @RequestPart("read") String metadata, @RequestPart("image") MultipartFile image)
            throws IOException {
        if (image.getSize() > limits.maxImageSize().toBytes()) {
            throw JpegImages.tooLarge(limits.maxImageSize());
        }
        ReadPipeline.Ingested ingested =
                pipeline.ingest(device, photos, new PhotoFormat.Photo(metadata, image.getBytes()));
        return new PhotoResult(
                ingested.accepted(),
                ingested.duplicates(),
                ingested.candidates().stream().map(Candidate::of).toList());
    }

    record PhotoResult(int accepted, int duplicates, List<Candidate> candidates) {}

    /** One plate recognition saw: text, confidence (to three places), region, and its box in the photo. */
    record Candidate(String plate, double confidence, String region, List<Integer> box) {

        static Candidate of(PlateCandidate c) {
            return new Candidate(
                    c.plate(),
                    Math.round(c.confidence() * 1000) / 1000.0,
                    c.region() == null ? "" : c.region(),
                    List.of(c.box().x(), c.box().y(), c.box().width(), c.box().height()));
        }
    }
}
