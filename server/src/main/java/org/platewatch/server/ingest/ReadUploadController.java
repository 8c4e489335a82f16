package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read upload API that cameras, patrol cars and the edge agent use. Every upload goes through
 * the one {@link ReadPipeline}; this class only receives the body in its format.
 */
@RestController
@RequestMapping("/api/v1/reads")
class ReadUploadController {

    private static final Logger log = LoggerFactory.getLogger(ReadUploadController.class);
    private static final String NDJSON = "application/x-ndjson";

    private final ReadPipeline pipeline;
    private final PlatewatchJsonFormat platewatchJson;
    private final OpenAlprFormat openAlpr;
    private final DetectionStore detections;
    private final IngestProperties limits;
    private final JsonMapper json;
    private final DeviceAuthentication authentication;

    ReadUploadController(
            ReadPipeline pipeline,
            PlatewatchJsonFormat platewatchJson,
            OpenAlprFormat openAlpr,
            DetectionStore detections,
            IngestProperties limits,
            JsonMapper json,
            DeviceAuthentication authentication) {
        this.authentication = authentication;
        this.pipeline = pipeline;
        this.platewatchJson = platewatchJson;
        this.openAlpr = openAlpr;
        this.detections = detections;
        this.limits = limits;
        this.json = json;
    }

    @Operation(summary = "Upload a batch of plate reads (device token)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    UploadResult upload(Authentication device, @RequestBody JsonNode body) {
        return UploadResult.of(pipeline.ingest(device, platewatchJson, body));
    }

    @Operation(
            summary = "Upload OpenALPR output unchanged: the agent's alpr_results and alpr_group, or the "
                    + "lines `alpr -j` prints, one document per line (device token)")
    @PostMapping(
            path = "/openalpr",
            consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    UploadResult uploadOpenAlpr(Authentication device, @RequestBody byte[] body) {
        return UploadResult.of(pipeline.ingest(device, openAlpr, documents(body)));
    }

    @Operation(summary = "Attach the plate or overview JPEG to a read of this device (device token)")
    @PutMapping(path = "/{readId}/image")
    AttachedImage putImage(Authentication caller, @PathVariable UUID readId, HttpServletRequest request)
            throws IOException {
        Device device = authentication.deviceOf(caller);
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.IMAGE_JPEG.isCompatibleWith(MediaType.parseMediaType(contentType))) {
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "Content-Type: images are accepted as image/jpeg only");
        }
        byte[] jpeg = JpegImages.readLimited(request.getInputStream(), limits.maxImageSize());
        JpegImages.requireJpeg(jpeg, limits.maxImagePixels());
        DetectionStore.ImageAttachment attached = detections.attachImage(device.id(), readId, jpeg);
        switch (attached.result()) {
            case NO_SUCH_READ ->
                throw new ProblemException(
                        ProblemType.NOT_FOUND, "readId", "readId: this device has uploaded no read " + readId);
            case ANOTHER_IMAGE_ATTACHED ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "image",
                        "image: read " + readId + " already has a different image, which is never replaced");
            case ATTACHED -> {}
        }
        log.info(
                "Image {} attached to read {} from device {}", attached.sha256().substring(0, 12), readId, device.id());
        return new AttachedImage(readId, attached.sha256());
    }

    /** One JSON document, or several one per line (as {@code alpr -j} prints them for several images). */
    private List<JsonNode> documents(byte[] body) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = json.readerFor(JsonNode.class).readValues(body)) {
            while (it.hasNextValue()) {
                documents.add(it.nextValue());
            }
        } catch (JacksonException e) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "The body is not well-formed JSON " + "(after " + documents.size() + " well-formed documents)");
        }
        if (documents.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body holds no JSON document");
        }
        return documents;
    }

    record UploadResult(int accepted, int duplicates) {

        static UploadResult of(ReadPipeline.Ingested ingested) {
            return new UploadResult(ingested.accepted(), ingested.duplicates());
        }
    }

    record AttachedImage(UUID readId, String sha256) {}
}
