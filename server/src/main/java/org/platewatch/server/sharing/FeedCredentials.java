package org.platewatch.server.sharing;

import java.nio.file.Path;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.platform.SealedSecrets;
import org.springframework.stereotype.Component;

/**
 * The device credentials regional centres issued to the department, at rest: sealed ({@link SealedSecrets}: AES-256-GCM) with a key in an
 * owner-only file outside the database ({@code feed-credentials.key} in the data directory), as the TOTP secrets
 * are kept. A database dump alone therefore cannot post reads to a centre as the department. The agreement id and
 * the centre's address are the associated data, so a sealed credential copied onto another feed, or left under an
 * address changed in the database, does not open. The credential is never
 * logged, audited or answered back: the API says only whether one is set.
 */
@Component
class FeedCredentials {

    private final SealedSecrets sealed;

    FeedCredentials(FeedProperties settings, PlatewatchProperties platform) {
        Path file = settings.keyFile() != null
                ? settings.keyFile()
                : platform.dataDir().resolve("feed-credentials.key");
        this.sealed = new SealedSecrets(file, "the feed credential key");
    }

    String seal(long agreementId, String ingestUrl, String credential) {
        return sealed.seal(credential, associatedData(agreementId, ingestUrl));
    }

    String open(long agreementId, String ingestUrl, String stored) {
        // Another key file, or a row edited in the database (its address above all: whoever can write the row must not
        // send the department's reads, and the centre's token with them, elsewhere): the feed cannot send until an
        // administrator sets it again.
        return sealed.open(stored, associatedData(agreementId, ingestUrl))
                .orElseThrow(() -> new FeedStopped("the credential of the feed of agreement " + agreementId
                        + " does not open with the configured key (platewatch.sharing.feed.key-file); set the"
                        + " credential again"));
    }

    private static String associatedData(long agreementId, String ingestUrl) {
        return "feed:" + agreementId + " " + ingestUrl;
    }
}
