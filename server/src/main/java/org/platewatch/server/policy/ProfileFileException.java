package org.platewatch.server.policy;

/**
 * A profile file that cannot be enforced: unreadable, not YAML, too large, incomplete, or contradicting itself or the
 * law. The message is one line naming the field, for the launcher to print and for start-up to stop on.
 */
public class ProfileFileException extends IllegalStateException {

    ProfileFileException(String message) {
        super(message);
    }
}
