package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * The regional-centre feed of one standing agreement: where reads go, which, and how far it has got. The
 * credential stays sealed in this record ({@link FeedCredentials}); nothing that shows a feed opens it.
 *
 * @param startsFrom     the first capture time the feed sends
 * @param sentReceivedAt the receipt time of the last read sent (the feed's mark, with {@code sentReadId}); null
 *                       before the first batch
 */
record Feed(
        long agreementId,
        String ingestUrl,
        String credentialSealed,
        FeedScope scope,
        Instant startsFrom,
        boolean active,
        Instant sentReceivedAt,
        UUID sentReadId,
        long readsSent,
        String lastError,
        Instant lastErrorAt,
        String configuredBy,
        Instant configuredAt,
        String changedBy,
        Instant changedAt) {

    /** The settings an audit row compares before and after a change; never the credential. */
    String terms() {
        return "url=" + ingestUrl + ", scope=" + scope + ", startsFrom=" + startsFrom + ", active=" + active;
    }

    /** Which reads a feed sends under its agreement's scope. */
    enum FeedScope {
        /** every detection (San Leandro 418.5: "all ALPR data") */
        ALL_DETECTIONS,
        /** only detections that raised an alert */
        HITS_ONLY
    }
}
