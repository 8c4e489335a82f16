package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Fuzz;
import org.platewatch.server.support.FuzzChecks;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fuzzing the read uploads through the real server: valid batches, OpenALPR documents and JPEGs,
 * mutated. Whatever arrives, the answer is never a 5xx, a refusal is problem+json naming the field,
 * and a refused upload stores nothing (the counts of detections and receipts stay as they were).
 *
 * <p>Tries: one request costs a few milliseconds on a CI runner of 2 cores, so 400 tries of each
 * JSON format keep this class near 20 s with its server start; photos run the recogniser and are
 * kept to a handful.
 */
@PlatewatchServerTest
class ReadUploadFuzzTest {

    private static final double HOME_LAT = 37.80;
    private static final double HOME_LON = -122.27;

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String patrolCar;
    String camera;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        patrolCar = devices.register(
                        new DeviceRegistration("fuzz-car-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
        camera = devices.register(
                        new DeviceRegistration("fuzz-cam-" + suffix, DeviceKind.FIXED, HOME_LAT, HOME_LON, 90.0),
                        Actor.SYSTEM)
                .token();
    }

    @Test
    void theValidSeedsAreAccepted() {
        Fuzz.forAll("seeds", 20, f -> List.of(batchSeed(f), openAlprSeed(f)), seeds -> {
            Api.Response batch = api.postJson("/api/v1/reads", patrolCar, seeds.get(0));
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            Api.Response openAlpr = api.postJson("/api/v1/reads/openalpr", patrolCar, seeds.get(1));
            assertThat(openAlpr.status()).as(openAlpr.body()).isEqualTo(200);
        });
    }

    @Test
    void aReadBatchIsStoredWholeOrRefusedCleanly() {
        Fuzz.forAll(
                "read batch",
                400,
                f -> new Upload(f.chance(0.8) ? patrolCar : camera, f.mutateJson(batchSeed(f))),
                upload -> storedWholeOrNothing("/api/v1/reads", upload));
    }

    @Test
    void anOpenAlprUploadIsStoredWholeOrRefusedCleanly() {
        Fuzz.forAll(
                "openalpr",
                400,
                f -> new Upload(f.chance(0.8) ? patrolCar : camera, openAlprMutant(f)),
                upload -> storedWholeOrNothing("/api/v1/reads/openalpr", upload));
    }

    @Test
    void aReadsImageIsAttachedOrRefusedCleanly() {
        byte[] jpeg = jpeg(24, 12);
        Fuzz.forAll("read image", 150, f -> jpegMutant(f, jpeg), image -> {
            UUID readId = UUID.randomUUID();
            String read = ReadIngestApiTest.read(readId, "5IMG" + (readId.hashCode() & 0xfff), "CA", Instant.now());
            assertThat(api.postJson("/api/v1/reads", patrolCar, ReadIngestApiTest.batch(List.of(read)))
                            .status())
                    .isEqualTo(200);
            Api.Response response = api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", image);
            String stored = jdbc.sql("SELECT coalesce(image_sha256, '') FROM detections WHERE read_id = ?")
                    .param(readId)
                    .query(String.class)
                    .single();
            if (FuzzChecks.refusedCleanly(response)) {
                assertThat(stored).as("a refused image is not the read's image").isEmpty();
            } else {
                assertThat(stored).isEqualTo(ImageStore.sha256(image));
            }
        });
    }

    @Test
    void aPhotoIsReadOrRefusedCleanly() {
        // Few tries: each accepted photo runs the recogniser, the slowest step on the server.
        byte[] jpeg = jpeg(32, 16);
        Fuzz.forAll(
                "photo",
                4,
                f -> {
                    String metadata = "{\"readId\":\"" + uuid(f) + "\",\"capturedAt\":\"" + recently(f) + "\"}";
                    byte[] read = f.chance(0.75) ? f.mutateJson(metadata) : metadata.getBytes(StandardCharsets.UTF_8);
                    byte[] image = f.chance(0.5) ? jpegMutant(f, jpeg) : jpeg;
                    return new Photo(read, image);
                },
                photo -> {
                    Counts before = counts();
                    Api.Response response = photoUpload(photo);
                    if (FuzzChecks.refusedCleanly(response)) {
                        assertThat(counts())
                                .as("a refused photo stores nothing")
                                .isEqualTo(before);
                    } else {
                        assertThat(counts().detections() - before.detections())
                                .isEqualTo(response.json().get("accepted").asLong());
                    }
                });
    }

    private void storedWholeOrNothing(String path, Upload upload) {
        Counts before = counts();
        Api.Response response = api.postBytes(path, upload.device(), "application/json", upload.body());
        Counts after = counts();
        if (FuzzChecks.refusedCleanly(response)) {
            assertThat(after).as("a refused upload stores nothing").isEqualTo(before);
        } else {
            long accepted = response.json().get("accepted").asLong();
            assertThat(after.detections() - before.detections())
                    .as("detections stored")
                    .isEqualTo(accepted);
            assertThat(after.receipts() - before.receipts())
                    .as("receipts stored")
                    .isEqualTo(accepted);
        }
    }

    private Counts counts() {
        return new Counts(
                jdbc.sql("SELECT count(*) FROM detections").query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM read_receipts").query(Long.class).single());
    }

    /** A valid Platewatch batch of 1 to 3 reads, some fields left out as devices may. */
    static String batchSeed(Fuzz f) {
        List<String> reads = new ArrayList<>();
        for (int i = f.between(1, 3); i > 0; i--) {
            StringBuilder r = new StringBuilder("{\"readId\":\"" + uuid(f) + "\",\"plate\":\"" + f.alnum(2, 8) + "\"");
            if (f.chance(0.7)) {
                r.append(",\"state\":\"")
                        .append(f.oneOf(List.of("CA", "NV", "OR", "AZ")))
                        .append('"');
            }
            r.append(",\"confidence\":").append(0.5 + f.random().nextDouble() / 2);
            r.append(",\"capturedAt\":\"").append(recently(f)).append('"');
            r.append(",\"latitude\":")
                    .append(HOME_LAT + f.random().nextDouble() / 1000)
                    .append(",\"longitude\":")
                    .append(HOME_LON + f.random().nextDouble() / 1000);
            if (f.chance(0.6)) {
                r.append(",\"heading\":").append(f.between(0, 359));
            }
            if (f.chance(0.5)) {
                r.append(
                        ",\"vehicle\":{\"make\":\"Toyota\",\"model\":\"Camry\",\"color\":\"silver\",\"type\":\"sedan\"}");
            }
            reads.add(r.append('}').toString());
        }
        return ReadIngestApiTest.batch(reads);
    }

    /** One valid OpenALPR document: the agent's alpr_results (with uuid), alpr -j's (without), or alpr_group. */
    static String openAlprSeed(Fuzz f) {
        long epochMs = recently(f).toEpochMilli();
        String plate = f.alnum(2, 8);
        String region = f.oneOf(List.of("us-ca", "ca", "nv", ""));
        return switch (f.between(0, 2)) {
            case 0 -> """
                    {"version": 2, "data_type": "alpr_results", "epoch_time": %d, "img_width": 640, "img_height": 480,
                     "processing_time_ms": 138.6, "uuid": "%s", "camera_id": 1, "site_id": "hq",
                     "gps_latitude": %s, "gps_longitude": %s,
                     "results": [{"plate": "%s", "confidence": 87.5, "matches_template": 1, "region": "%s",
                                  "region_confidence": 80, "coordinates": [{"x": 1, "y": 2}], "candidates": []}]}
                    """.formatted(epochMs, "hq-cam1-" + epochMs, HOME_LAT, HOME_LON, plate, region);
            case 1 -> """
                    {"version": 2, "data_type": "alpr_results", "epoch_time": %d, "img_width": 640, "img_height": 480,
                     "processing_time_ms": 90.1, "gps_latitude": %s, "gps_longitude": %s,
                     "results": [{"plate": "%s", "confidence": 91.2, "region": "%s", "coordinates": []},
                                 {"plate": "%s", "confidence": 70.4, "region": "", "coordinates": []}]}
                    """.formatted(epochMs / 1000, HOME_LAT, HOME_LON, plate, region, f.alnum(2, 8));
            default ->
                """
                    {"version": 1, "data_type": "alpr_group", "epoch_start": %d, "epoch_end": %d, "site_id": "hq",
                     "camera_id": 7, "uuids": ["hq-cam7-%d"], "best_plate": {"plate": "%s", "confidence": 92.0},
                     "best_confidence": 92.0, "best_uuid": "hq-cam7-%d", "best_plate_number": "%s",
                     "best_region": "%s", "travel_direction": %d, "gps_latitude": %s, "gps_longitude": %s,
                     "vehicle": {"color": [{"name": "white", "confidence": 80.1}],
                                 "make": [{"name": "dodge", "confidence": 40.0}]}}
                    """.formatted(
                                epochMs,
                                epochMs + 900,
                                epochMs,
                                plate,
                                epochMs,
                                plate,
                                region,
                                f.between(0, 359),
                                HOME_LAT,
                                HOME_LON);
        };
    }

    /** One document mutated, or a multi-line body (one document a line) with one of its lines mutated. */
    private static byte[] openAlprMutant(Fuzz f) {
        if (f.chance(0.6)) {
            return f.mutateJson(openAlprSeed(f));
        }
        List<byte[]> lines = new ArrayList<>();
        for (int i = f.between(2, 3); i > 0; i--) {
            lines.add(openAlprSeed(f).replace("\n", " ").getBytes(StandardCharsets.UTF_8));
        }
        int bad = f.random().nextInt(lines.size());
        lines.set(bad, f.mutateJson(new String(lines.get(bad), StandardCharsets.UTF_8)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            body.writeBytes(line);
            body.write(f.chance(0.2) ? '\r' : '\n');
        }
        return body.toByteArray();
    }

    /** The JPEG with bytes flipped or cut, or a frame header declaring other dimensions. */
    private static byte[] jpegMutant(Fuzz f, byte[] jpeg) {
        if (f.chance(0.3)) {
            byte[] b = jpeg.clone();
            for (int i = 0; i + 8 < b.length; i++) {
                if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xc0) { // SOF0: length, precision, height, width
                    int[] odd = {0x0000, 0x0001, 0x7530, 0xffff};
                    int h = odd[f.random().nextInt(odd.length)];
                    int w = odd[f.random().nextInt(odd.length)];
                    b[i + 5] = (byte) (h >> 8);
                    b[i + 6] = (byte) h;
                    b[i + 7] = (byte) (w >> 8);
                    b[i + 8] = (byte) w;
                    return b;
                }
            }
        }
        return f.mutateBytes(jpeg);
    }

    private Api.Response photoUpload(Photo photo) {
        String boundary = "----fuzz" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"read\"\r\n"
                        + "Content-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo.read());
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; "
                        + "filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo.image());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads/photo"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                camera);
    }

    private static UUID uuid(Fuzz f) {
        return new UUID(f.random().nextLong(), f.random().nextLong());
    }

    /** Within the last hour: inside every device's capture window. */
    private static Instant recently(Fuzz f) {
        return Instant.now().minusSeconds(f.between(1, 3600));
    }

    private record Upload(String device, byte[] body) {
        @Override
        public String toString() {
            return Fuzz.describe(body);
        }
    }

    private record Photo(byte[] read, byte[] image) {
        @Override
        public String toString() {
            return "read part: " + Fuzz.describe(read) + "\nimage: " + image.length + " bytes";
        }
    }

    private record Counts(long detections, long receipts) {}

    private static byte[] jpeg(int width, int height) {
        try {
            return ReadIngestApiTest.jpeg(width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
