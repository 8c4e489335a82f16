package org.platewatch.server.sharing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts one batch to a centre's ingest endpoint in Platewatch's own format ({@code {"reads":[...]}}, as the edge
 * agent sends it), with the device credential the centre issued. Every answer is a value; nothing throws for a
 * centre that is down. The read ids are the department's own, so a batch sent twice is stored once.
 */
@Component
class FeedClient {

    private static final Pattern READ_INDEX = Pattern.compile("^reads\\[(\\d+)]");
    /** An acknowledgement or a problem is well under a kilobyte. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** What of a centre's problem detail is kept on file and shown. */
    private static final int MAX_DETAIL = 500;

    private final JsonMapper json;
    private final FeedProperties settings;
    private final HttpClient http;

    FeedClient(JsonMapper json, FeedProperties settings) {
        this.json = json;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect must not carry reads elsewhere
                .build();
    }

    /** What the centre said. */
    sealed interface Answer {
        int status();
    }

    /** Stored: every read is now the centre's (new, or one it had from an earlier try). */
    record Delivered(int status, int accepted, int duplicates) implements Answer {}

    /** Refused for a reason waiting does not cure; {@code readIndex} is the read at fault or -1. */
    record Refused(int status, int readIndex, String detail) implements Answer {}

    /**
     * Not answered usefully: unreachable or 5xx ({@code retry}), or the credential refused (not worth retrying in
     * the round).
     */
    record Unavailable(int status, String reason, boolean retry) implements Answer {}

    Answer send(String url, String credential, List<FeedRead> reads) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(reads))))
                .build();
        // The request's own timeout ends when the answer's headers arrive; a centre that then trickles its body
        // would hold the scheduler's one thread (the purge, the day partitions, the hot-list imports) for as long as
        // it likes. So one deadline covers the whole try, and the answer is read up to a limit.
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, info -> new FeedAnswerBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> r;
        try {
            r = pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Unavailable(0, "the centre did not answer within " + settings.timeout(), true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof FeedAnswerBody.TooLarge tooLarge) {
                    return new Unavailable(0, tooLarge.getMessage(), true);
                }
            }
            return new Unavailable(
                    0, "the centre is unreachable (" + cause.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Unavailable(0, "interrupted", false);
        }
        return answer(r.statusCode(), parse(r.body()), reads.size());
    }

    private static Answer answer(int status, JsonNode body, int sent) {
        if (status == 200) {
            if (body != null && body.has("accepted") && body.has("duplicates")) {
                int accepted = body.get("accepted").asInt();
                int duplicates = body.get("duplicates").asInt();
                if (accepted + duplicates == sent) {
                    return new Delivered(status, accepted, duplicates);
                }
                return new Unavailable(
                        status, "the centre acknowledged " + (accepted + duplicates) + " of " + sent + " reads", true);
            }
            return new Unavailable(status, "the centre's answer has no accepted and duplicates counts", true);
        }
        if (status == 401 || status == 403) {
            return new Unavailable(status, "the centre refused the credential (HTTP " + status + ")", false);
        }
        if (status == 400 || status == 409 || status == 413 || status == 415 || status == 422) {
            // A problem's detail names fields and limits, never plate text.
            String field = text(body, "field");
            String detail = text(body, "detail");
            if (detail != null && detail.length() > MAX_DETAIL) {
                detail = detail.substring(0, MAX_DETAIL) + "…";
            }
            Matcher m = READ_INDEX.matcher(field == null ? "" : field);
            return new Refused(
                    status, m.find() ? Integer.parseInt(m.group(1)) : -1, detail == null ? "HTTP " + status : detail);
        }
        return new Unavailable(status, "the centre answered HTTP " + status, true);
    }

    private ObjectNode body(List<FeedRead> reads) {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("reads");
        for (FeedRead r : reads) {
            ObjectNode o = array.addObject();
            o.put("readId", r.readId().toString());
            o.put("plate", r.plate());
            o.put("state", r.state());
            o.put("confidence", r.confidence());
            o.put("capturedAt", r.capturedAt().toString());
            o.put("latitude", r.latitude());
            o.put("longitude", r.longitude());
            if (r.heading() != null) {
                o.put("heading", r.heading());
            }
            if (r.make() != null || r.model() != null || r.color() != null || r.type() != null) {
                ObjectNode v = o.putObject("vehicle");
                putIfPresent(v, "make", r.make());
                putIfPresent(v, "model", r.model());
                putIfPresent(v, "color", r.color());
                putIfPresent(v, "type", r.type());
            }
        }
        return body;
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asString() : null;
    }
}
