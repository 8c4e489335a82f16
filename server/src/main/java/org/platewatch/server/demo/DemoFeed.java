package org.platewatch.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.platewatch.server.demo.DemoPlates.DemoPlate;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's cameras at work: every few seconds one of them uploads a read through the real
 * read API with its own device token, so the whole pipeline (validation, storage, matching,
 * alerts, the live console) runs as it would with real cameras.
 */
@Component
class DemoFeed {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeviceRegistry devices;
    private final Environment environment;
    private final Clock clock;
    private final DepartmentProfile profile;
    private final List<DemoPlate> platesOfInterest = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final java.util.concurrent.atomic.AtomicBoolean firstRead =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private ScheduledExecutorService executor;

    DemoFeed(DeviceRegistry devices, Environment environment, Clock clock, DepartmentProfile profile) {
        this.devices = devices;
        this.environment = environment;
        this.clock = clock;
        this.profile = profile;
    }

    /** Plates the feed shows now and then, so that hot-list alerts appear in the demo. */
    void addPlatesOfInterest(List<DemoPlate> plates) {
        platesOfInterest.addAll(plates);
    }

    // The schedule's future is not kept: each run catches its own failure, and stop() ends the executor.
    @SuppressWarnings("FutureReturnValueIgnored")
    synchronized void start(DemoCredentials credentials) {
        if (executor != null) {
            return;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        URI uri = URI.create("http://localhost:" + port + "/api/v1/reads");
        DemoTraffic traffic = new DemoTraffic(new Random(), profile.zone());
        List<Device> all = devices.all();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-feed");
            t.setDaemon(true);
            return t;
        });
        Random random = new Random();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        DemoCredentials.DeviceToken camera = credentials
                                .devices()
                                .get(random.nextInt(credentials.devices().size()));
                        Device device = all.stream()
                                .filter(d -> d.name().equals(camera.name()))
                                .findFirst()
                                .orElseThrow();
                        post(uri, camera.token(), traffic, device);
                    } catch (RuntimeException e) {
                        log.warn("Demo feed upload failed: {}", e.getMessage());
                    }
                },
                INTERVAL.toMillis(),
                INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Demo feed started: a read every {} s", INTERVAL.toSeconds());
    }

    private void post(URI uri, String token, DemoTraffic traffic, Device device) {
        // The first read of a start is a listed plate, so the console shows an alert within seconds.
        var read = firstRead.getAndSet(false) && !platesOfInterest.isEmpty()
                ? traffic.live(device, clock.instant(), List.of(platesOfInterest.get(platesOfInterest.size() - 1)), 100)
                : traffic.live(device, clock.instant(), platesOfInterest, 12);
        ObjectNode r = JSON.createObjectNode();
        r.put("readId", read.readId().toString());
        r.put("plate", read.plate());
        r.put("state", read.state());
        r.put("confidence", read.confidence());
        r.put("capturedAt", read.capturedAt().toString());
        r.put("latitude", read.latitude());
        r.put("longitude", read.longitude());
        r.put("heading", read.headingDegrees());
        ObjectNode vehicle = r.putObject("vehicle");
        vehicle.put("make", read.vehicle().make());
        vehicle.put("model", read.vehicle().model());
        vehicle.put("color", read.vehicle().color());
        vehicle.put("type", read.vehicle().type());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode reads = body.putArray("reads");
        reads.add(r);
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                log.warn("Demo feed upload answered {}", response.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("Demo feed upload failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
