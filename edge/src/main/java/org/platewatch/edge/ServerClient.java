package org.platewatch.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's device API, as the agent uses it, with the device's bearer token. Every method answers what
 * happened as a value; none throws for a server that is down (that is the normal case in a dead zone).
 */
final class ServerClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern READ_INDEX = Pattern.compile("^reads\\[(\\d+)]");

    private final URI server;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    ServerClient(URI server, String token, Duration timeout) {
        this.server = server;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI server() {
        return server;
    }

    /** What the server said to an upload. */
    sealed interface Upload {}

    /** Stored: every read is now the server's (new or a duplicate of one it had). */
    record Acknowledged(int accepted, int duplicates) implements Upload {}

    /**
     * Refused as a whole, for a reason the agent cannot cure by waiting.
     *
     * @param readIndex the read at fault in the batch, or -1 when the problem names none
     */
    record Refused(int status, int readIndex, String detail) implements Upload {}

    /** Not answered usefully now (unreachable, 5xx, token refused, rate limited): try again later. */
    record Unavailable(String reason) implements Upload {}

    Upload uploadReads(List<JournalRead> reads) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("reads");
        for (JournalRead r : reads) {
            ObjectNode o = array.addObject();
            o.put("readId", r.readId().toString());
            o.put("plate", r.plate());
            o.put("state", r.state() == null ? null : r.state().name());
            o.put("confidence", r.confidence());
            o.put("capturedAt", r.capturedAt().toString());
            if (r.latitude() != null && r.longitude() != null) {
                o.put("latitude", r.latitude());
                o.put("longitude", r.longitude());
            }
            if (r.heading() != null) {
                o.put("heading", r.heading());
            }
        }
        Answer a = send(json("POST", "/api/v1/reads", body));
        if (a.status() == 200) {
            JsonNode j = a.json();
            if (j != null && j.has("accepted") && j.has("duplicates")) {
                return new Acknowledged(
                        j.get("accepted").asInt(), j.get("duplicates").asInt());
            }
            return new Unavailable("an answer without accepted and duplicates");
        }
        return refusedOrUnavailable(a);
    }

    /** What the server said to an image. */
    enum ImageAnswer {
        /** The read's image is on the server (this one, or one it kept before). */
        STORED,
        /** Never accepted (too large, not a JPEG): the server has the read without it. */
        REFUSED,
        /** Try again later. */
        UNAVAILABLE
    }

    ImageAnswer uploadImage(UUID readId, byte[] jpeg) {
        Answer a = send(request("/api/v1/reads/" + readId + "/image")
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg))
                .build());
        if (a.status() == 200 || a.status() == 409) {
            return ImageAnswer.STORED; // 409: a different image is attached and is never replaced
        }
        if (a.status() == 413 || a.status() == 415 || a.status() == 422) {
            return ImageAnswer.REFUSED;
        }
        return ImageAnswer.UNAVAILABLE;
    }

    /** The device's own registration and the department's limits for it; empty when not answered. */
    Optional<DevicePolicy> devicePolicy() {
        Answer a = send(request("/api/v1/device").GET().build());
        if (a.status() != 200 || a.json() == null) {
            return Optional.empty();
        }
        return Optional.of(DevicePolicy.of(a.json(), a.date()));
    }

    /**
     * The device's hot-list export. {@code status} 304 when {@code etag} is still current, 200 with the
     * body, 0 when unreachable.
     */
    Answer hotlistExport(String etagOrNull) {
        HttpRequest.Builder b = request("/api/v1/hotlists/export").GET();
        if (etagOrNull != null) {
            b.header("If-None-Match", etagOrNull);
        }
        return send(b.build());
    }

    Answer hotlistKey() {
        return send(request("/api/v1/hotlists/export/key").GET().build());
    }

    /** Records a shift-start check on the server; true when the server stored it. */
    boolean recordCheck(Instant at, boolean passed, List<ShiftCheck.Item> items) {
        ObjectNode body = JSON.createObjectNode();
        body.put("checkedAt", at.toString());
        body.put("passed", passed);
        ArrayNode array = body.putArray("items");
        for (ShiftCheck.Item i : items) {
            array.addObject().put("name", i.name()).put("passed", i.passed()).put("detail", i.detail());
        }
        return send(json("POST", "/api/v1/device/checks", body)).status() == 201;
    }

    /** Tells the server what waits on the unit; true when it took it. */
    boolean reportStatus(Instant agentStartedAt, Journal.Backlog backlog) {
        ObjectNode body = JSON.createObjectNode();
        body.put("agentStartedAt", agentStartedAt.toString());
        body.put("waiting", backlog.unsent());
        body.put("refused", backlog.refused());
        body.put(
                "oldestUnsentAt",
                backlog.oldest() == null ? null : backlog.oldest().toString());
        return send(json("POST", "/api/v1/device/status", body)).status() == 204;
    }

    /**
     * One HTTP answer: status 0 when there was none.
     *
     * @param date the server's {@code Date} header, or null
     */
    record Answer(int status, byte[] body, String etag, Instant date, String failure) {

        JsonNode json() {
            try {
                return body == null || body.length == 0 ? null : JSON.readTree(body);
            } catch (JacksonException e) {
                return null;
            }
        }
    }

    private Upload refusedOrUnavailable(Answer a) {
        int s = a.status();
        boolean cannotCureByWaiting = s == 400 || s == 409 || s == 413 || s == 415 || s == 422;
        if (!cannotCureByWaiting) {
            return new Unavailable(s == 0 ? a.failure() : "HTTP " + s);
        }
        JsonNode problem = a.json();
        String field = problem == null || !problem.hasNonNull("field")
                ? ""
                : problem.get("field").asString();
        String detail = problem == null || !problem.hasNonNull("detail")
                ? "HTTP " + s
                : problem.get("detail").asString();
        Matcher m = READ_INDEX.matcher(field);
        return new Refused(s, m.find() ? Integer.parseInt(m.group(1)) : -1, detail);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpRequest json(String method, String path, JsonNode body) {
        return request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Instant date =
                    r.headers().firstValue("Date").map(ServerClient::httpDate).orElse(null);
            return new Answer(
                    r.statusCode(), r.body(), r.headers().firstValue("ETag").orElse(null), date, null);
        } catch (IOException e) {
            return new Answer(
                    0, null, null, null, "unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, null, "interrupted");
        }
    }

    private static Instant httpDate(String value) {
        try {
            return java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
