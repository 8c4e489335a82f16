package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.ingest.DeviceTrustApiTest.assertProblem;
import static org.platewatch.server.ingest.ReadIngestApiTest.batch;
import static org.platewatch.server.ingest.ReadIngestApiTest.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Bodies and images too large to hold in memory are refused before they are parsed or decoded. */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.ingest.max-body-size=64KB")
class BoundedInputApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String patrolCar;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        patrolCar = devices.register(
                        new DeviceRegistration("car-" + UUID.randomUUID(), DeviceKind.MOBILE, null, null, null),
                        Actor.SYSTEM)
                .token();
    }

    /** 300 valid reads, about 100 KB: within the batch limit, over the body limit. */
    private static byte[] largeBatch(String platePrefix) {
        Instant at = Instant.now().minusSeconds(5);
        List<String> reads = IntStream.range(0, 300)
                .mapToObj(i -> read(UUID.randomUUID(), platePrefix + i, "CA", at))
                .toList();
        byte[] body = batch(reads).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(64 * 1024);
        return body;
    }

    @Test
    void aJsonBodyOverTheLimitIsRefused413WithOrWithoutALength() {
        assertProblem(
                post("/api/v1/reads", "application/json", HttpRequest.BodyPublishers.ofByteArray(largeBatch("5BIG"))),
                413,
                "payload-too-large",
                null);
        // Chunked: no Content-Length to look at, the bytes are counted as they are read.
        byte[] chunked = largeBatch("5CHK");
        assertProblem(
                post(
                        "/api/v1/reads",
                        "application/json",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))),
                413,
                "payload-too-large",
                null);
        assertProblem(
                post(
                        "/api/v1/reads/openalpr",
                        "application/json",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))),
                413,
                "payload-too-large",
                null);
        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE plate LIKE '5BIG%' OR plate LIKE '5CHK%'")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(api.postJson(
                                "/api/v1/reads",
                                patrolCar,
                                batch(List.of(read(
                                        UUID.randomUUID(),
                                        "5SMALL1",
                                        "CA",
                                        Instant.now().minusSeconds(5)))))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aJpegDeclaring30000By30000PixelsIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = declaring(ReadIngestApiTest.jpeg(16, 16), 30_000, 30_000);
        assertThat(bomb.length).as("a tiny file").isLessThan(2_000);

        UUID readId = UUID.randomUUID();
        assertThat(api.postJson(
                                "/api/v1/reads",
                                patrolCar,
                                batch(List.of(read(
                                        readId, "5PIX001", "CA", Instant.now().minusSeconds(5)))))
                        .status())
                .isEqualTo(200);
        Api.Response image = api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", bomb);
        assertProblem(image, 413, "payload-too-large", "image");
        assertThat(image.json().get("detail").asString())
                .contains("30000 × 30000")
                .contains("40 megapixels");
        assertThat(jdbc.sql("SELECT image_sha256 FROM detections WHERE read_id = ?")
                        .param(readId)
                        .query(String.class)
                        .optional()
                        .orElse(null))
                .isNull();

        Api.Response photo = photo(UUID.randomUUID(), bomb);
        assertProblem(photo, 413, "payload-too-large", "image");
    }

    /** The JPEG with its baseline frame header (SOF0) patched to declare these dimensions. */
    static byte[] declaring(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 8 < out.length; i++) {
            if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) == 0xC0) {
                // FF C0, length (2), precision (1), height (2), width (2)
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    private Api.Response post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", contentType)
                        .POST(body),
                patrolCar);
    }

    private Api.Response photo(UUID readId, byte[] image) {
        String boundary = "----platewatch" + UUID.randomUUID();
        String metadata = "{\"readId\":\"" + readId + "\",\"capturedAt\":\""
                + Instant.now().minusSeconds(2) + "\",\"latitude\":37.8,\"longitude\":-122.27}";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"read\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(
                "/api/v1/reads/photo",
                "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
