package org.platewatch.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A camera's HTTP snapshot URL (most IP cameras have one), fetched every {@code interval}. Each answer
 * with status 200 is one image; it was whole when the response ended, so nothing is read half.
 */
final class SnapshotSource implements CaptureSource {

    private final URI url;
    private final Duration interval;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Instant next = Instant.MIN;
    private long sequence;

    SnapshotSource(URI url, Duration interval, Clock clock) {
        this.url = url;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public List<Capture> poll() throws IOException {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return List.of();
        }
        next = now.plus(interval);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (answer.statusCode() != 200 || answer.body().length == 0) {
            throw new IOException("snapshot URL answered " + answer.statusCode());
        }
        return List.of(new Capture("snapshot-" + ++sequence, answer.body(), null, null));
    }

    @Override
    public void taken(Capture capture) {}

    @Override
    public void rejected(Capture capture) {}

    @Override
    public String describe() {
        return "snapshot URL " + url.getHost();
    }
}
