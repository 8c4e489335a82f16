package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.platewatch.server.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A console's alert stream as the browser sees it: the HTTP response of {@code GET /api/v1/alerts/stream},
 * read line by line on a background thread. {@link #ended} completes when the server ends the response,
 * which is what a test of a closed stream must observe (not the server's own bookkeeping).
 */
public final class SseReader implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread reader;
    private volatile boolean closedByUs;

    public SseReader(int port, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        reader = new Thread(
                () -> {
                    try {
                        response.body().forEach(lines::add);
                        ended.complete(null); // the server ended the response
                    } catch (RuntimeException e) {
                        if (closedByUs) {
                            ended.cancel(false);
                        } else {
                            ended.completeExceptionally(e);
                        }
                    }
                },
                "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The data of the next event with this name, parsed; fails after the timeout. */
    public JsonNode next(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String name = null;
        StringBuilder data = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            } else if (line.isEmpty()) {
                if (event.equals(name) && data.length() > 0) {
                    return Api.parse(data.toString());
                }
                name = null;
                data.setLength(0);
            }
        }
        throw new AssertionError("no '" + event + "' event within " + timeout);
    }

    /** Whether the server ended the HTTP response within the timeout (read to its end, not cut by us). */
    boolean endsWithin(Duration timeout) throws Exception {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillOpen) {
            return false;
        }
    }

    /** Every line received so far, in order, taken off the queue. */
    java.util.List<String> drain() {
        java.util.List<String> all = new java.util.ArrayList<>();
        lines.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        closedByUs = true;
        response.body().close();
        reader.interrupt();
    }
}
