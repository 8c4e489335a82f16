package org.platewatch.edge;

/** The journal could not be read or written (disk full, file damaged): the agent must not go on blind. */
final class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
