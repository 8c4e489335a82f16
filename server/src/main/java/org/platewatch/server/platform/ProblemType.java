package org.platewatch.server.platform;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of problem the API reports, with a stable {@code type} URI that clients may branch on.
 * Features declare their own as constants; the slug never changes once published.
 */
public record ProblemType(String slug, String title, HttpStatus status) {

    public static final ProblemType MALFORMED_REQUEST =
            new ProblemType("malformed-request", "The request body could not be read", HttpStatus.BAD_REQUEST);
    public static final ProblemType INVALID_FIELD =
            new ProblemType("invalid-field", "A field of the request is not valid", HttpStatus.BAD_REQUEST);
    public static final ProblemType UNAUTHENTICATED =
            new ProblemType("unauthenticated", "Credentials are missing or not valid", HttpStatus.UNAUTHORIZED);
    public static final ProblemType FORBIDDEN =
            new ProblemType("forbidden", "Your role may not do this", HttpStatus.FORBIDDEN);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "No such resource", HttpStatus.NOT_FOUND);
    public static final ProblemType CONFLICT =
            new ProblemType("conflict", "The request conflicts with the current state", HttpStatus.CONFLICT);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", "The request body is too large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType(
            "unsupported-media-type", "The content type is not accepted here", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    /** A service the request needs (the ingest topic) is down; the caller retries later. */
    public static final ProblemType UNAVAILABLE = new ProblemType(
            "unavailable", "The server cannot take this now; try again later", HttpStatus.SERVICE_UNAVAILABLE);

    public static final ProblemType INTERNAL = new ProblemType(
            "internal-error", "The server could not complete the request", HttpStatus.INTERNAL_SERVER_ERROR);

    public URI uri() {
        return URI.create("urn:platewatch:problem:" + slug);
    }
}
