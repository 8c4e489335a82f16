package org.platewatch.server.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.DetectionSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What OpenALPR software prints or posts, unchanged, so cameras already running it send to
 * Platewatch as they are:
 *
 * <ul>
 *   <li>{@code alpr_results} from the agent: one frame's plates, the frame named by its {@code uuid};
 *   <li>{@code alpr_results} from the {@code alpr -j} command line: the same without a {@code uuid};
 *   <li>{@code alpr_group}: the best read of a passing vehicle;
 *   <li>{@code heartbeat}: acknowledged, stores nothing.
 * </ul>
 *
 * A body may hold several documents, one per line, as {@code alpr -j} prints them for several images.
 *
 * <p>The read id is derived, never random, so that a re-sent document is a duplicate: from the device
 * and the agent's uuid (and plate index), or, for the command line, from the device, the frame's
 * {@code epoch_time} and the plate index.
 */
@Component
class OpenAlprFormat implements ReadFormat<List<JsonNode>> {

    /** Epoch values below this are seconds (the open-source agent), above it milliseconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private static final double OPENALPR_CONFIDENCE_SCALE = 100;

    private final IngestProperties limits;

    OpenAlprFormat(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    public Adapted adapt(List<JsonNode> documents, Device device) {
        List<ReportedRead> reads = new ArrayList<>();
        for (int k = 0; k < documents.size(); k++) {
            String path = documents.size() == 1 ? "" : "[" + k + "]";
            reads.addAll(document(documents.get(k), path, device));
            if (reads.size() > limits.maxBatch()) {
                throw ProblemException.invalid(
                        path.isEmpty() ? "results" : path,
                        "the upload holds more than " + limits.maxBatch() + " plate results");
            }
        }
        return Adapted.of(reads);
    }

    private List<ReportedRead> document(JsonNode body, String path, Device device) {
        JsonFields doc = new JsonFields(body, path);
        String type = doc.has("data_type") && doc.get("data_type").isString()
                ? doc.get("data_type").stringValue()
                : "";
        return switch (type) {
            case "alpr_results" -> results(doc, device);
            case "alpr_group" -> List.of(group(doc, device));
            case "heartbeat" -> List.of();
            default ->
                throw ProblemException.invalid(doc.at("data_type"), "must be alpr_results, alpr_group or heartbeat");
        };
    }

    private List<ReportedRead> results(JsonFields frame, Device device) {
        JsonNode results = frame.array("results");
        Instant frameTime = epoch(frame, "epoch_time");
        // The agent names each frame; the command line does not, so its frame is known by its time.
        String frameId = frame.has("uuid") ? frame.nonBlank("uuid") : "epoch:" + frame.integer("epoch_time");
        List<ReportedRead> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonFields r = new JsonFields(results.get(i), frame.at("results[" + i + "]"));
            int plateIndex = r.has("plate_index") ? (int) r.integer("plate_index") : i;
            Instant at = r.has("epoch_time") ? epoch(r, "epoch_time") : frameTime;
            out.add(new ReportedRead(
                    readId(device, frameId + "#" + plateIndex),
                    r.string("plate"),
                    region(r, "region"),
                    r.number("confidence"),
                    OPENALPR_CONFIDENCE_SCALE,
                    at,
                    frame.optionalNumber("gps_latitude"),
                    frame.optionalNumber("gps_longitude"),
                    null,
                    VehicleDescription.UNKNOWN,
                    DetectionSource.OPENALPR,
                    new ReportedRead.Fields(
                            frame.has("uuid") ? frame.at("uuid") : frame.at("epoch_time"),
                            r.at("plate"),
                            r.at("confidence"),
                            r.has("epoch_time") ? r.at("epoch_time") : frame.at("epoch_time"),
                            frame.at("gps_latitude"),
                            frame.at("gps_longitude"),
                            frame.at("heading"),
                            frame.at("vehicle"))));
        }
        return out;
    }

    private ReportedRead group(JsonFields group, Device device) {
        String groupId = group.has("best_uuid") ? group.nonBlank("best_uuid") : firstUuid(group);
        return new ReportedRead(
                readId(device, groupId),
                group.string("best_plate_number"),
                region(group, "best_region"),
                group.number("best_confidence"),
                OPENALPR_CONFIDENCE_SCALE,
                epoch(group, "epoch_start"),
                group.optionalNumber("gps_latitude"),
                group.optionalNumber("gps_longitude"),
                travelDirection(group),
                vehicle(group.get("vehicle")),
                DetectionSource.OPENALPR,
                new ReportedRead.Fields(
                        group.has("best_uuid") ? group.at("best_uuid") : group.at("uuids"),
                        group.at("best_plate_number"),
                        group.at("best_confidence"),
                        group.at("epoch_start"),
                        group.at("gps_latitude"),
                        group.at("gps_longitude"),
                        group.at("travel_direction"),
                        group.at("vehicle")));
    }

    private static UUID readId(Device device, String openAlprId) {
        return UUID.nameUUIDFromBytes((device.id() + "/" + openAlprId).getBytes(StandardCharsets.UTF_8));
    }

    private static String firstUuid(JsonFields group) {
        JsonNode uuids = group.array("uuids");
        if (uuids.isEmpty()
                || !uuids.get(0).isString()
                || uuids.get(0).stringValue().isBlank()) {
            throw ProblemException.invalid(group.at("uuids"), "must hold at least one uuid");
        }
        return uuids.get(0).stringValue();
    }

    /** OpenALPR's region ({@code ca}, {@code us-ca}, or a foreign one); only a US state becomes one. */
    private static UsState region(JsonFields node, String field) {
        return UsState.fromRegion(
                        node.has(field) && node.get(field).isString()
                                ? node.get(field).stringValue()
                                : null)
                .orElse(null);
    }

    private static Instant epoch(JsonFields node, String field) {
        long value = node.integer(field);
        if (value < 0) {
            throw ProblemException.invalid(node.at(field), "must be an epoch time");
        }
        return value < MILLIS_THRESHOLD ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }

    /** The agent's travel direction in degrees, brought into 0..360; null (the camera's heading) when absent. */
    private static Double travelDirection(JsonFields group) {
        Double heading = group.optionalNumber("travel_direction");
        if (heading == null || heading.isNaN() || heading.isInfinite()) {
            return null;
        }
        return ((heading % 360) + 360) % 360;
    }

    private static VehicleDescription vehicle(JsonNode vehicle) {
        if (vehicle == null || !vehicle.isObject()) {
            return VehicleDescription.UNKNOWN;
        }
        return new VehicleDescription(
                best(vehicle, "make"), best(vehicle, "make_model"), best(vehicle, "color"), best(vehicle, "body_type"));
    }

    /** OpenALPR lists vehicle attributes as ranked guesses; the top one is kept. */
    private static String best(JsonNode vehicle, String attribute) {
        JsonNode top = vehicle.path(attribute).path(0).path("name");
        return top.isString() ? top.stringValue() : null;
    }
}
