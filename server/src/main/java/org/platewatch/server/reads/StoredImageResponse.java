package org.platewatch.server.reads;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A read's stored photo as an HTTP answer, for whichever feature has already decided that the member may see it (an
 * alert's officer, a search's requester) and audited the viewing. Never cached by a browser or a proxy: the image is
 * ALPR data, and the next viewing must be checked and audited again.
 */
public final class StoredImageResponse {

    private StoredImageResponse() {}

    /** The image, or 404 problem+json when the purge or a released hold has removed it since. */
    public static ResponseEntity<byte[]> of(ImageStore images, String sha256, UUID readId) throws IOException {
        try (InputStream in = images.open(sha256)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND,
                        "readId",
                        "readId: the image of read " + readId + " is no longer stored"))) {
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.noStore())
                    .body(in.readAllBytes());
        }
    }
}
