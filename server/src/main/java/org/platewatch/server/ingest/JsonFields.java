package org.platewatch.server.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.ProblemException;
import tools.jackson.databind.JsonNode;

/**
 * Typed fields of one JSON object in an upload, each error naming the field's full path. Only JSON
 * types are checked here; value ranges are the validator's, which every format shares.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw ProblemException.invalid(path, "must be an object");
        }
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    private JsonNode present(String field) {
        if (!has(field)) {
            throw ProblemException.invalid(at(field), "is required");
        }
        return node.get(field);
    }

    UUID uuid(String field) {
        JsonNode v = present(field);
        try {
            return UUID.fromString(v.isString() ? v.stringValue() : "");
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(at(field), "must be a UUID");
        }
    }

    /** A required string; its content is checked by the validator. */
    String string(String field) {
        JsonNode v = present(field);
        if (!v.isString()) {
            throw ProblemException.invalid(at(field), "must be a string");
        }
        return v.stringValue();
    }

    /** A required string that is not blank, for a format's own identifiers. */
    String nonBlank(String field) {
        String s = string(field);
        if (s.isBlank()) {
            throw ProblemException.invalid(at(field), "is required");
        }
        return s;
    }

    /** An optional string; null when absent. */
    String optionalString(String field) {
        return has(field) ? string(field) : null;
    }

    /** A two-letter US state code, or null when absent; anything else is refused, never guessed. */
    UsState stateCode(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isString() || UsState.fromCode(v.stringValue()).isEmpty()) {
            throw ProblemException.invalid(at(field), "must be a two-letter US state code or null");
        }
        return UsState.fromCode(v.stringValue()).get();
    }

    /** A number, or null when absent. */
    Double optionalNumber(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isNumber()) {
            throw ProblemException.invalid(at(field), "must be a number");
        }
        return v.asDouble();
    }

    Double number(String field) {
        present(field);
        return optionalNumber(field);
    }

    /** A whole number (such as an epoch time), required. */
    long integer(String field) {
        JsonNode v = present(field);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw ProblemException.invalid(at(field), "must be a whole number");
        }
        return v.asLong();
    }

    Instant instant(String field) {
        JsonNode v = present(field);
        try {
            return Instant.parse(v.isString() ? v.stringValue() : "");
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(at(field), "must be an ISO-8601 instant such as 2026-11-28T17:04:05Z");
        }
    }

    /** Platewatch's vehicle object ({@code make}, {@code model}, {@code color}, {@code type}); NONE when absent. */
    VehicleDescription vehicle(String field) {
        if (!has(field)) {
            return VehicleDescription.UNKNOWN;
        }
        JsonFields v = new JsonFields(node.get(field), at(field));
        return new VehicleDescription(
                v.optionalString("make"),
                v.optionalString("model"),
                v.optionalString("color"),
                v.optionalString("type"));
    }

    /** An array field, required. */
    JsonNode array(String field) {
        JsonNode v = present(field);
        if (!v.isArray()) {
            throw ProblemException.invalid(at(field), "is required and must be an array");
        }
        return v;
    }
}
