package org.platewatch.server.retention;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.reads.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a hold's end frees: the held detections (moved out of their purged day) that no unreleased hold names any
 * more, their receipts, and then their images, once nothing refers to them. Done at the release (or rejection)
 * rather than by the next daily purge, so that a released read does not outlive its retention by another day; an
 * image whose deletion fails here is left to the daily purge, which deletes every image nothing refers to.
 */
@Component
class ReleasedHolds {

    private static final Logger log = LoggerFactory.getLogger(ReleasedHolds.class);

    /** The held detections deleted, and the SHA-256 over their ids (as a deletion certificate counts them). */
    record Deleted(int count, String idsSha256, List<String> images) {
        static final Deleted NONE = new Deleted(0, RetentionIds.sha256(List.of()), List.of());

        String describe() {
            return "heldDetectionsDeleted=" + count + "; idsSha256=" + idsSha256;
        }
    }

    private final PurgeStore purge;
    private final HoldStore store;
    private final ImageStore images;

    ReleasedHolds(PurgeStore purge, HoldStore store, ImageStore images) {
        this.purge = purge;
        this.store = store;
        this.images = images;
    }

    /** In the releasing transaction, under the purge's lock: no purge moves rows of this hold meanwhile. */
    Deleted deleteUnheld() {
        purge.lockPurge();
        HoldStore.Freed freed = store.deleteUnheld();
        return new Deleted(freed.readIds().size(), RetentionIds.sha256(freed.readIds()), freed.images());
    }

    /** After the commit: the files first, then their rows, as the purge does. */
    void deleteUnreferencedImages(List<String> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        for (String sha : store.unreferenced(candidates)) {
            try {
                images.delete(sha);
                store.forgetImage(sha);
            } catch (IOException e) {
                log.error("Could not delete image {} of a released hold: {}", sha, e.getMessage());
                return;
            }
        }
    }

    /** The certificates' hash over read ids: 16 bytes each, big-endian, ascending by their text form. */
    static final class RetentionIds {
        private RetentionIds() {}

        static String sha256(List<UUID> ids) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                ids.stream()
                        .sorted(Comparator.comparing(UUID::toString))
                        .forEach(id -> sha.update(ByteBuffer.allocate(16)
                                .putLong(id.getMostSignificantBits())
                                .putLong(id.getLeastSignificantBits())
                                .array()));
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }
}
