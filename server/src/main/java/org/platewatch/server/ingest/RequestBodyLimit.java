package org.platewatch.server.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A byte limit on every request body, counted as it is read, so that a chunked body (no
 * Content-Length) is cut off too, and before any of it is parsed as a whole: a JSON body is held in
 * memory as a tree, a few oversized ones would exhaust the server. The limit is
 * {@code platewatch.ingest.max-body-size}; an image ({@code image/jpeg}) may be as large as
 * {@code max-image-size} (its own check then names the field); multipart uploads (photos, hot-list
 * files) are bounded by Spring's multipart limits, form posts by Tomcat's {@code max-http-form-post-size}.
 * Runs before authentication: a stranger's body is bounded too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

    private final IngestProperties limits;

    RequestBodyLimit(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
            chain.doFilter(request, response);
            return;
        }
        long max = limitFor(type);
        if (request.getContentLengthLong() > max) {
            response.setStatus(ProblemType.PAYLOAD_TOO_LARGE.status().value());
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.getWriter().write(Problems.json(ProblemType.PAYLOAD_TOO_LARGE, detail(max)));
            return;
        }
        chain.doFilter(new Limited(request, max), response);
    }

    private long limitFor(String contentType) {
        long body = limits.maxBodySize().toBytes();
        boolean jpeg = contentType != null
                && contentType.regionMatches(
                        true, 0, MediaType.IMAGE_JPEG_VALUE, 0, MediaType.IMAGE_JPEG_VALUE.length());
        return jpeg ? Math.max(body, limits.maxImageSize().toBytes()) : body;
    }

    private static String detail(long max) {
        return "The request body is larger than the " + (max / 1024) + " KiB this server accepts";
    }

    /** The request with a body that refuses to give more than {@code max} bytes. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), max);
            }
            return stream;
        }
    }

    /** Counts what is read; past the limit it throws, and the API answers 413 problem+json. */
    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long count;

        Counting(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > max) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail(max));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
