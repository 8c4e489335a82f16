package org.platewatch.server.sharing;

/**
 * A feed that cannot send until an administrator acts (its credential no longer opens, for one). Its message is
 * written for the administrator and is shown as the feed's last error; it never holds plate text or a credential.
 */
class FeedStopped extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    FeedStopped(String message) {
        super(message);
    }
}
