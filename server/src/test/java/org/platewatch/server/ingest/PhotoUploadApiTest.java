package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A camera that sends photos only: the server reads the plate from a real photo and stores what it read. */
@PlatewatchServerTest
class PhotoUploadApiTest {

    /** A labelled photo from the shared US set: plate SL7C6S. */
    static final Path PHOTO = Path.of(
            System.getProperty("platewatch.root", ".."),
            "..",
            "shared",
            "datasets",
            "plates",
            "us",
            "22e54a62-57a8-4a0a-88c1-4b9758f67651.jpg");

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatewatchProperties properties;

    Api api;
    String camera;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        camera = devices.register(
                        new DeviceRegistration("photo-cam-" + UUID.randomUUID(), DeviceKind.FIXED, 37.80, -122.27, 0.0),
                        Actor.SYSTEM)
                .token();
    }

    @Test
    void readsThePlateFromAPhotoAndStoresItWithTheRecognisersConfidence() throws IOException {
        UUID readId = UUID.randomUUID();
        Api.Response response = upload(readId, Files.readAllBytes(PHOTO));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(response.json().get("candidates").get(0).get("plate").asString())
                .isEqualTo("SL7C6S");
        var row = Api.parse(jdbc.sql("SELECT row_to_json(d)::text FROM (SELECT plate, confidence, source, "
                        + "image_sha256 FROM detections WHERE read_id = ?) d")
                .param(readId)
                .query(String.class)
                .single());
        assertThat(row.get("plate").asString()).isEqualTo("SL7C6S");
        assertThat(row.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(row.get("source").asString()).isEqualTo("RECOGNIZED");
        assertThat(row.get("image_sha256").asString()).hasSize(64);
    }

    @Test
    void aPhotoWithoutAPlateStoresNothingAndAFileThatIsNoImageIsRefused() throws IOException {
        java.awt.image.BufferedImage blank =
                new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(blank, "jpeg", jpeg);
        UUID readId = UUID.randomUUID();
        Api.Response empty = upload(readId, jpeg.toByteArray());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("accepted").asInt()).isZero();
        assertThat(empty.json().get("candidates").size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id = ?")
                        .param(readId)
                        .query(Long.class)
                        .single())
                .isZero();

        Api.Response notImage = upload(UUID.randomUUID(), "GIF89a but not really".getBytes(StandardCharsets.UTF_8));
        assertThat(notImage.status()).isEqualTo(400);
        assertThat(notImage.json().get("field").asString()).isEqualTo("image");
    }

    @Test
    void aPhotoWhoseImageCannotBeWrittenStoresNoDetection() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);
        photo[photo.length - 3] ^= 1; // another image than the first test's, whose file may exist already
        String sha = org.platewatch.server.reads.ImageStore.sha256(photo);
        // A plain file where the image's directory belongs: the write fails for real, even as root.
        Path blocker = properties.dataDir().resolve("images").resolve(sha.substring(0, 2));
        Files.createDirectories(blocker.getParent());
        Files.deleteIfExists(blocker);
        Files.write(blocker, new byte[] {0});
        UUID readId = UUID.randomUUID();
        try {
            Api.Response failed = upload(readId, photo);
            assertThat(failed.status()).as(failed.body()).isEqualTo(500);
            assertThat(failed.isProblem()).isTrue();
        } finally {
            Files.delete(blocker);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id = ?")
                        .param(readId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE read_id = ?")
                        .param(readId)
                        .query(Long.class)
                        .single())
                .isZero();

        Api.Response retried = upload(readId, photo);
        assertThat(retried.json().get("accepted").asInt())
                .as("the camera's retry is stored")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT image_sha256 FROM detections WHERE read_id = ?")
                        .param(readId)
                        .query(String.class)
                        .single())
                .isEqualTo(sha);
        assertThat(properties
                        .dataDir()
                        .resolve("images")
                        .resolve(sha.substring(0, 2))
                        .resolve(sha.substring(2, 4))
                        .resolve(sha + ".jpg"))
                .exists();
    }

    /** A plate read below {@code platewatch.recognition.min-confidence} is answered, never stored. */
    @Nested
    @TestPropertySource(properties = "platewatch.recognition.min-confidence=0.9999")
    class BelowTheMinimumConfidence {

        @Test
        void theAnswerSaysWhatWasSeenAndNothingIsStored() throws IOException {
            UUID readId = UUID.randomUUID();
            Api.Response response = upload(readId, Files.readAllBytes(PHOTO));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("accepted").asInt()).isZero();
            assertThat(response.json().get("candidates").get(0).get("plate").asString())
                    .isEqualTo("SL7C6S");
            assertThat(response.json()
                            .get("candidates")
                            .get(0)
                            .get("confidence")
                            .asDouble())
                    .isLessThan(0.9999);
            assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id = ?")
                            .param(readId)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    private Api.Response upload(UUID readId, byte[] image) {
        String boundary = "----platewatch" + UUID.randomUUID();
        String metadata = "{\"readId\":\"" + readId + "\",\"capturedAt\":\""
                + Instant.now().minusSeconds(2) + "\"}";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"read\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n");
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n");
        body.writeBytes(image);
        write(body, "\r\n--" + boundary + "--\r\n");
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads/photo"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                camera);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
