package org.platewatch.server.hotlist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP GET with a deadline for the whole download (a request's own timeout ends when the headers
 * arrive; a server that then sends a byte a minute would hold the fetch for ever) and a limit on the
 * body, which is cut off, not read to the end, once it is over the limit.
 */
final class LimitedDownload {

    private LimitedDownload() {}

    static byte[] get(HttpClient http, URI uri, Duration timeout, long maxBytes)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(
                request,
                info -> info.statusCode() == 200
                        ? new Limited(maxBytes)
                        : HttpResponse.BodySubscribers.replacing(null));
        try {
            HttpResponse<byte[]> r = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new IOException("the download took longer than platewatch.hotlist.fetch-timeout (" + timeout + ")");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Collects the body and cancels the download once it is over the limit. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("the list is larger than "
                            + "platewatch.hotlist.max-download-size (" + max / 1024 + " KiB)"));
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
