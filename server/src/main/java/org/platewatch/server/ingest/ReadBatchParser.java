package org.platewatch.server.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
 * Validates a Platewatch read batch ({@code {"reads":[…]}}) field by field. The first problem
 * stops the whole batch with the name of the field at fault, so a device never has half a batch
 * stored and the other half lost.
 */
@Component
class ReadBatchParser {

    private final IngestProperties limits;
    private final CaptureWindow window;

    ReadBatchParser(IngestProperties limits, CaptureWindow window) {
        this.limits = limits;
        this.window = window;
    }

    List<NewDetection> parse(JsonNode body, Device device) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("reads", "the body must be a JSON object with a 'reads' array");
        }
        JsonNode reads = body.get("reads");
        if (reads == null || !reads.isArray()) {
            throw ProblemException.invalid("reads", "is required and must be an array");
        }
        if (reads.isEmpty()) {
            throw ProblemException.invalid("reads", "must hold at least one read");
        }
        if (reads.size() > limits.maxBatch()) {
            throw ProblemException.invalid("reads",
                    "holds " + reads.size() + " reads; at most " + limits.maxBatch() + " are accepted per request");
        }
        List<NewDetection> out = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            out.add(parseRead(new Fields(reads.get(i), "reads[" + i + "]"), device));
        }
        return out;
    }

    private NewDetection parseRead(Fields read, Device device) {
        if (!read.node.isObject()) {
            throw ProblemException.invalid(read.path, "must be an object");
        }
        UUID readId = read.uuid("readId");
        String plate = read.plate("plate");
        String state = read.state("state");
        double confidence = read.number("confidence", 0, 1);
        Instant capturedAt = window.check(read.instant("capturedAt"), read.path + ".capturedAt");
        Double lat = read.optionalNumber("latitude", -90, 90);
        Double lon = read.optionalNumber("longitude", -180, 180);
        if (lat == null || lon == null) {
            if (!device.hasLocation()) {
                throw ProblemException.invalid(read.path + "." + (lat == null ? "latitude" : "longitude"),
                        "is required from a mobile unit");
            }
            lat = device.latitude();
            lon = device.longitude();
        }
        Double heading = read.optionalNumber("heading", 0, 360);
        if (heading == null) {
            heading = device.heading();
        }
        VehicleDescription vehicle = read.vehicle("vehicle");
        return new NewDetection(readId, plate, state, confidence, capturedAt, lat, lon, heading, vehicle,
                DetectionSource.DEVICE);
    }

    /** Reads typed fields of one JSON object and names the full path in every error. */
    static final class Fields {
        final JsonNode node;
        final String path;

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        private String at(String field) {
            return path + "." + field;
        }

        private JsonNode present(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw ProblemException.invalid(at(field), "is required");
            }
            return v;
        }

        UUID uuid(String field) {
            JsonNode v = present(field);
            try {
                return UUID.fromString(v.isString() ? v.stringValue() : "");
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(at(field), "must be a UUID");
            }
        }

        String plate(String field) {
            JsonNode v = present(field);
            if (!v.isString()) {
                throw ProblemException.invalid(at(field), "must be a string");
            }
            String plate = PlateText.normalise(v.stringValue());
            if (plate.isEmpty()) {
                throw ProblemException.invalid(at(field), "holds no letters or digits");
            }
            if (plate.length() > PlateText.MAX_LENGTH) {
                throw ProblemException.invalid(at(field), "is longer than " + PlateText.MAX_LENGTH + " characters");
            }
            return plate;
        }

        String state(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isString() || UsState.fromCode(v.stringValue()).isEmpty()) {
                throw ProblemException.invalid(at(field), "must be a two-letter US state code or null");
            }
            return UsState.fromCode(v.stringValue()).get().name();
        }

        double number(String field, double min, double max) {
            Double v = optionalNumber(field, min, max);
            if (v == null) {
                throw ProblemException.invalid(at(field), "is required");
            }
            return v;
        }

        /** Null when absent; the range is inclusive below and, for a 360-degree heading, exclusive above. */
        Double optionalNumber(String field, double min, double max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                throw ProblemException.invalid(at(field), "must be a number");
            }
            double d = v.asDouble();
            boolean aboveMax = max == 360 ? d >= max : d > max;
            if (Double.isNaN(d) || d < min || aboveMax) {
                throw ProblemException.invalid(at(field), "must be between " + fmt(min) + " and " + fmt(max));
            }
            return d;
        }

        Instant instant(String field) {
            JsonNode v = present(field);
            try {
                return Instant.parse(v.isString() ? v.stringValue() : "");
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(at(field), "must be an ISO-8601 instant such as 2026-11-28T17:04:05Z");
            }
        }

        VehicleDescription vehicle(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return VehicleDescription.NONE;
            }
            if (!v.isObject()) {
                throw ProblemException.invalid(at(field), "must be an object or null");
            }
            Fields f = new Fields(v, at(field));
            return new VehicleDescription(f.text("make"), f.text("model"), f.text("color"), f.text("type"));
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isString()) {
                throw ProblemException.invalid(at(field), "must be a string");
            }
            String s = v.stringValue().strip();
            if (s.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.invalid(at(field), "must not contain control characters");
            }
            if (s.length() > 100) {
                throw ProblemException.invalid(at(field), "must be at most 100 characters");
            }
            return s.isEmpty() ? null : s;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
