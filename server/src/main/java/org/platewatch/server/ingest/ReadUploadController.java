package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.reads.StoredBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The read upload API that cameras, patrol cars and the edge agent use. Each request runs the
 * pipeline: validate the whole batch, store it in one transaction, then announce the new reads
 * (the alert feature matches them against the hot lists).
 */
@RestController
@RequestMapping("/api/v1/reads")
class ReadUploadController {

    private static final Logger log = LoggerFactory.getLogger(ReadUploadController.class);

    private final ReadBatchParser parser;
    private final OpenAlprAdapter openAlpr;
    private final DetectionStore store;
    private final ImageStore images;
    private final ApplicationEventPublisher events;
    private final IngestProperties limits;

    ReadUploadController(ReadBatchParser parser, OpenAlprAdapter openAlpr, DetectionStore store, ImageStore images,
            ApplicationEventPublisher events, IngestProperties limits) {
        this.parser = parser;
        this.openAlpr = openAlpr;
        this.store = store;
        this.images = images;
        this.events = events;
        this.limits = limits;
    }

    @Operation(summary = "Upload a batch of plate reads (device token)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    UploadResult upload(@AuthenticationPrincipal Device device, @RequestBody JsonNode body) {
        return ingest(device, parser.parse(body, device));
    }

    @Operation(summary = "Upload OpenALPR agent results (alpr_results, alpr_group) unchanged (device token)")
    @PostMapping(path = "/openalpr", consumes = MediaType.APPLICATION_JSON_VALUE)
    UploadResult uploadOpenAlpr(@AuthenticationPrincipal Device device, @RequestBody JsonNode body) {
        return ingest(device, openAlpr.parse(body, device));
    }

    @Operation(summary = "Attach the plate or overview JPEG to a read of this device (device token)")
    @PutMapping(path = "/{readId}/image")
    Map<String, Object> putImage(@AuthenticationPrincipal Device device, @PathVariable UUID readId,
            HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.IMAGE_JPEG.isCompatibleWith(MediaType.parseMediaType(contentType))) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "Content-Type: images are accepted as image/jpeg only");
        }
        byte[] jpeg = readLimited(request.getInputStream(), limits.maxImageSize().toBytes());
        requireJpeg(jpeg);
        String sha = images.put(jpeg);
        switch (store.attachImage(device.id(), readId, sha)) {
            case NO_SUCH_READ -> throw new ProblemException(ProblemType.NOT_FOUND, "readId",
                    "readId: this device has uploaded no read " + readId);
            case ANOTHER_IMAGE_ATTACHED -> throw new ProblemException(ProblemType.CONFLICT, "image",
                    "image: read " + readId + " already has a different image, which is never replaced");
            case ATTACHED -> { }
        }
        log.info("Image {} attached to read {} from device {}", sha.substring(0, 12), readId, device.id());
        return Map.of("readId", readId, "sha256", sha);
    }

    private UploadResult ingest(Device device, List<NewDetection> reads) {
        StoredBatch stored = store.store(device.id(), reads);
        if (!stored.accepted().isEmpty()) {
            events.publishEvent(new ReadsIngested(device, stored.accepted()));
        }
        log.debug("Device {} uploaded {} reads: {} new, {} duplicates", device.id(), reads.size(),
                stored.accepted().size(), stored.duplicates());
        return new UploadResult(stored.accepted().size(), stored.duplicates());
    }

    private static byte[] readLimited(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "image",
                        "image: larger than the " + (max / 1024) + " KiB this server accepts");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A JPEG starts with SOI and a marker, and its header must parse; anything else is refused. */
    static void requireJpeg(byte[] bytes) throws IOException {
        boolean soi = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                && (bytes[2] & 0xFF) == 0xFF;
        if (!soi || !headerParses(bytes)) {
            throw ProblemException.invalid("image", "is not a JPEG image");
        }
    }

    private static boolean headerParses(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return true;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
            } catch (IOException e) {
                return false;
            } finally {
                reader.dispose();
            }
        }
    }

    record UploadResult(int accepted, int duplicates) {
    }
}
