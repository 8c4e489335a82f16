package org.platewatch.server.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.DetectionSource;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.reads.VehicleDescription;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Accepts what the OpenALPR agent posts ({@code "data_type": "alpr_results"} for single frames,
 * {@code "alpr_group"} for the best read of a passing vehicle), so cameras already running that
 * software send to Platewatch unchanged. Heartbeats are acknowledged and store nothing.
 *
 * <p>OpenALPR identifies a result by its own string uuid; the read id is derived from it and the
 * device, so a re-sent result is recognised as the same read.
 */
@Component
class OpenAlprAdapter {

    /** Epoch values below this are seconds (the open-source agent), above it milliseconds (later agents). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final IngestProperties limits;
    private final CaptureWindow window;

    OpenAlprAdapter(IngestProperties limits, CaptureWindow window) {
        this.limits = limits;
        this.window = window;
    }

    List<NewDetection> parse(JsonNode body, Device device) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("data_type", "the body must be an OpenALPR JSON object");
        }
        String type = body.path("data_type").asString("");
        return switch (type) {
            case "alpr_results" -> results(body, device);
            case "alpr_group" -> List.of(group(body, device));
            case "heartbeat" -> List.of();
            default -> throw ProblemException.invalid("data_type",
                    "must be alpr_results, alpr_group or heartbeat");
        };
    }

    private List<NewDetection> results(JsonNode body, Device device) {
        JsonNode results = body.get("results");
        if (results == null || !results.isArray()) {
            throw ProblemException.invalid("results", "is required and must be an array");
        }
        if (results.size() > limits.maxBatch()) {
            throw ProblemException.invalid("results", "holds more than " + limits.maxBatch() + " results");
        }
        String frameId = requiredText(body, "uuid");
        Instant frameTime = epoch(body, "epoch_time");
        Location location = location(body, device);
        List<NewDetection> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String path = "results[" + i + "]";
            Instant at = r.has("epoch_time") ? epoch(r, "epoch_time") : frameTime;
            out.add(new NewDetection(readId(device, frameId + "#" + r.path("plate_index").asInt(i)),
                    plate(r, path + ".plate"), state(r.path("region").asString("")),
                    confidence(r, path + ".confidence"), at, location.lat, location.lon, device.heading(),
                    VehicleDescription.NONE, DetectionSource.OPENALPR));
        }
        return out;
    }

    private NewDetection group(JsonNode body, Device device) {
        String groupId = body.hasNonNull("best_uuid") ? body.get("best_uuid").asString() : requiredText(body, "uuids");
        Location location = location(body, device);
        Double heading = device.heading();
        if (body.hasNonNull("travel_direction")) {
            heading = body.get("travel_direction").asDouble();
        }
        if (heading != null && (heading < 0 || heading >= 360)) {
            heading = ((heading % 360) + 360) % 360;
        }
        return new NewDetection(readId(device, groupId), plate(body, "best_plate_number"),
                state(body.path("best_region").asString("")), confidence(body, "best_confidence"),
                epoch(body, "epoch_start"), location.lat, location.lon, heading, vehicle(body.path("vehicle")),
                DetectionSource.OPENALPR);
    }

    private static UUID readId(Device device, String openAlprId) {
        return UUID.nameUUIDFromBytes((device.id() + "/" + openAlprId).getBytes(StandardCharsets.UTF_8));
    }

    private static String plate(JsonNode node, String field) {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        String plate = PlateText.normalise(node.path(leaf).asString(""));
        if (plate.isEmpty()) {
            throw ProblemException.invalid(field, "is required");
        }
        if (plate.length() > PlateText.MAX_LENGTH) {
            throw ProblemException.invalid(field, "is longer than " + PlateText.MAX_LENGTH + " characters");
        }
        return plate;
    }

    /** OpenALPR writes regions as {@code ca} or {@code us-ca}; anything not a US state is unknown. */
    static String state(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("us-")) {
            r = r.substring(3);
        }
        return r.length() == 2 ? UsState.fromCode(r).map(Enum::name).orElse(null) : null;
    }

    private static double confidence(JsonNode node, String field) {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        JsonNode v = node.get(leaf);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
            throw ProblemException.invalid(field, "must be a number from 0 to 100");
        }
        return v.asDouble() / 100.0;
    }

    private Instant epoch(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw ProblemException.invalid(field, "is required (epoch time)");
        }
        long value = v.asLong();
        Instant t = value < MILLIS_THRESHOLD ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        return window.check(t, field);
    }

    private static Location location(JsonNode body, Device device) {
        if (body.hasNonNull("gps_latitude") && body.hasNonNull("gps_longitude")) {
            double lat = body.get("gps_latitude").asDouble();
            double lon = body.get("gps_longitude").asDouble();
            if (lat < -90 || lat > 90) {
                throw ProblemException.invalid("gps_latitude", "must be between -90 and 90");
            }
            if (lon < -180 || lon > 180) {
                throw ProblemException.invalid("gps_longitude", "must be between -180 and 180");
            }
            return new Location(lat, lon);
        }
        if (!device.hasLocation()) {
            throw ProblemException.invalid("gps_latitude", "is required from a mobile unit");
        }
        return new Location(device.latitude(), device.longitude());
    }

    private static VehicleDescription vehicle(JsonNode vehicle) {
        if (vehicle.isMissingNode() || vehicle.isNull()) {
            return VehicleDescription.NONE;
        }
        return new VehicleDescription(best(vehicle, "make"), best(vehicle, "make_model"), best(vehicle, "color"),
                best(vehicle, "body_type"));
    }

    /** OpenALPR lists vehicle attributes as ranked guesses; keep the top one. */
    private static String best(JsonNode vehicle, String attribute) {
        JsonNode top = vehicle.path(attribute).path(0).path("name");
        String s = top.asString("").strip().replaceAll("\\p{Cntrl}", "");
        return s.isEmpty() ? null : s.substring(0, Math.min(s.length(), 100));
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asString("").isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return v.isArray() ? v.get(0).asString() : v.asString();
    }

    private record Location(double lat, double lon) {
    }
}
