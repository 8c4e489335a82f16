package org.platewatch.edge;

/** The journal's key is missing, malformed, or not the one the journal was written with. */
final class JournalKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JournalKeyException(String message) {
        super(message);
    }

    JournalKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
