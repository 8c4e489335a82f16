package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The read pipeline as devices meet it: OpenALPR's command line, overlapping concurrent uploads, clean logs. */
@PlatewatchServerTest
@ExtendWith(OutputCaptureExtension.class)
class ReadPipelineApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String camera;
    String patrolCar;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        camera = devices.register(
                        new DeviceRegistration("pole-" + suffix, DeviceKind.FIXED, 37.7775, -122.2247, 120.0),
                        Actor.SYSTEM)
                .token();
        patrolCar = devices.register(
                        new DeviceRegistration("unit-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
    }

    /** Two lines as {@code alpr -c us -j -n 10 a.jpg b.jpg} prints them: no uuid, epoch_time in milliseconds. */
    static String alprCommandLine(long epochMs, String firstPlate, String secondPlate) {
        String line = """
                {"version":2,"data_type":"alpr_results","epoch_time":%d,"img_width":1024,"img_height":768,\
                "processing_time_ms":312.4,"regions_of_interest":[],"results":[{"plate":"%s","confidence":89.3,\
                "matches_template":0,"plate_index":0,"region":"","region_confidence":0,"processing_time_ms":41.2,\
                "requested_topn":10,"coordinates":[{"x":412,"y":530},{"x":566,"y":531},{"x":566,"y":606},\
                {"x":412,"y":604}],"candidates":[{"plate":"%s","confidence":89.3,"matches_template":0}]}]}""";
        return line.formatted(epochMs, firstPlate, firstPlate) + "\n"
                + line.formatted(epochMs + 412, secondPlate, secondPlate) + "\n";
    }

    @Test
    void theAlprCommandLinesOutputIsStoredOnceAndAResendIsADuplicate() {
        long epochMs = Instant.now().minusSeconds(20).toEpochMilli();
        String output = alprCommandLine(epochMs, "7CLI001", "7CLI002");

        Api.Response first = postNdjson(camera, output);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(2);

        Api.Response again = postNdjson(camera, output);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
        // One line on its own, as application/json, is the same read again.
        Api.Response oneLine = api.postJson(
                "/api/v1/reads/openalpr", camera, output.lines().findFirst().orElseThrow());
        assertThat(oneLine.json().get("duplicates").asInt()).isEqualTo(1);

        JsonNode row =
                Api.parse(jdbc.sql("SELECT row_to_json(d)::text FROM (SELECT count(*) AS n, min(source) AS source,"
                                + " min(confidence) AS confidence, min(location[1]) AS lat, min(heading_degrees) AS heading,"
                                + " min(captured_at) AS at FROM detections WHERE plate = '7CLI001') d")
                        .query(String.class)
                        .single());
        assertThat(row.get("n").asInt()).isEqualTo(1);
        assertThat(row.get("source").asString()).isEqualTo("OPENALPR");
        assertThat(row.get("confidence").asDouble()).isBetween(0.89, 0.90);
        // A fixed camera's read without a position takes the camera's registered one, and its heading.
        assertThat(row.get("lat").asDouble()).isEqualTo(37.7775);
        assertThat(row.get("heading").asDouble()).isEqualTo(120.0);
        assertThat(Instant.parse(row.get("at").asString().replace(" ", "T").replaceFirst("\\+00(:00)?$", "Z")))
                .isEqualTo(Instant.ofEpochMilli(epochMs));
    }

    @Test
    void theSameCommandLineOutputFromAnotherDeviceIsAnotherRead() {
        String output = alprCommandLine(Instant.now().minusSeconds(10).toEpochMilli(), "7CLI101", "7CLI102");
        String otherCamera = devices.register(
                        new DeviceRegistration("pole-b-" + UUID.randomUUID(), DeviceKind.FIXED, 37.8, -122.3, 0.0),
                        Actor.SYSTEM)
                .token();
        assertThat(postNdjson(camera, output).json().get("accepted").asInt()).isEqualTo(2);
        assertThat(postNdjson(otherCamera, output).json().get("accepted").asInt())
                .isEqualTo(2);
    }

    @Test
    void aMobileUnitsCommandLineOutputWithoutGpsIsRefusedNamingTheFieldAndStoresNothing() {
        String output = alprCommandLine(Instant.now().minusSeconds(10).toEpochMilli(), "7CLI201", "7CLI202");
        Api.Response refused = postNdjson(patrolCar, output);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("[0].gps_latitude");
        Api.Response broken = postNdjson(camera, output + "{\"data_type\":\"alpr_results\",");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("type").asString()).isEqualTo("urn:platewatch:problem:malformed-request");
        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE plate LIKE '7CLI2%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * Eight uploaders at once, whose batches share half their read ids in shuffled order, as retries and
     * re-batched journals do: PostgreSQL used to end some of them for deadlocks, answered 500.
     */
    @Test
    void overlappingConcurrentUploadsNeverGetA5xxAndStoreEveryReadOnce() throws Exception {
        int uploaders = 8;
        int rounds = 4;
        int batchSize = 160;
        List<UUID> shared =
                IntStream.range(0, batchSize).mapToObj(i -> UUID.randomUUID()).toList();
        Instant at = Instant.now().minusSeconds(30);
        List<UUID> everyId = Collections.synchronizedList(new ArrayList<>(shared));
        ExecutorService pool = Executors.newFixedThreadPool(uploaders);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int u = 0; u < uploaders; u++) {
                    Random random = new Random(round * 31L + u);
                    // half the batch drawn from ids every uploader sends, half its own
                    List<UUID> ids = new ArrayList<>(shared);
                    Collections.shuffle(ids, random);
                    ids = new ArrayList<>(ids.subList(0, batchSize / 2));
                    for (int i = 0; i < batchSize / 2; i++) {
                        UUID own = UUID.randomUUID();
                        ids.add(own);
                        everyId.add(own);
                    }
                    Collections.shuffle(ids, random);
                    String body = ReadIngestApiTest.batch(ids.stream()
                            .map(id -> ReadIngestApiTest.read(
                                    id, "8CON" + id.toString().substring(0, 3), "CA", at))
                            .toList());
                    statuses.add(pool.submit(
                            () -> api.postJson("/api/v1/reads", patrolCar, body).status()));
                }
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        long distinct = everyId.stream().distinct().count();
        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE read_id = ANY(?::uuid[])")
                        .param(everyId.stream().map(UUID::toString).distinct().toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(distinct);
        assertThat(jdbc.sql("SELECT count(DISTINCT read_id) FROM detections WHERE read_id = ANY(?::uuid[])")
                        .param(everyId.stream().map(UUID::toString).distinct().toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(distinct);
    }

    /** Rule 3 of DESIGN.md: logs carry ids, never plate text or coordinates, even at debug level. */
    @Test
    void noPlateTextOrCoordinateReachesTheLog(CapturedOutput output) throws Exception {
        Logger platewatch = (Logger) LoggerFactory.getLogger("org.platewatch");
        Level before = platewatch.getLevel();
        platewatch.setLevel(Level.DEBUG);
        try {
            UUID readId = UUID.randomUUID();
            Instant now = Instant.now().minusSeconds(5);
            api.postJson(
                    "/api/v1/reads",
                    patrolCar,
                    ReadIngestApiTest.batch(
                            List.of(ReadIngestApiTest.readAt(readId, "9LOGQX7", now, 37.61234, -122.45678))));
            api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", ReadIngestApiTest.jpeg(40, 20));
            api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", ReadIngestApiTest.jpeg(44, 22));
            postNdjson(camera, alprCommandLine(now.toEpochMilli(), "9LOGQX8", "9LOGQX9"));
            api.postJson(
                    "/api/v1/reads",
                    patrolCar,
                    ReadIngestApiTest.batch(
                            List.of(ReadIngestApiTest.readAt(UUID.randomUUID(), "9LOGQXA", now, 91.0, -122.45678))));
        } finally {
            platewatch.setLevel(before);
        }
        assertThat(output.getAll()).as("the pipeline logged at debug level").contains("uploaded");
        assertThat(output.getAll()).doesNotContain("9LOGQX", "37.61234", "-122.45678", "7775");
    }

    private Api.Response postNdjson(String token, String body) {
        return api.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/api/v1/reads/openalpr"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)),
                token);
    }
}
