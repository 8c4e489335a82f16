package org.platewatch.recognition;

/** The bytes given to the recogniser are not an image it can decode (corrupt, truncated or another format). */
public class UnreadableImageException extends RuntimeException {

    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
