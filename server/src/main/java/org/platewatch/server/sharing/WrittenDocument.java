package org.platewatch.server.sharing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.platewatch.server.platform.ProblemException;

/**
 * An agency's written request attached as a file. Only a few kinds of document, checked by their first bytes as
 * well as by the type the sender names; it is kept with the request and never put into a release package.
 */
record WrittenDocument(byte[] bytes, String type) {

    static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final Map<String, byte[]> MAGIC = Map.of(
            "application/pdf", "%PDF-".getBytes(StandardCharsets.US_ASCII),
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            "text/plain", new byte[0]);

    /** The attached document, or null when none is attached. */
    static WrittenDocument of(String base64, String type) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        String t = SharingInput.text("writtenRequestDocumentType", type, 40);
        byte[] magic = MAGIC.get(t);
        if (magic == null) {
            throw ProblemException.invalid(
                    "writtenRequestDocumentType",
                    "must be one of " + MAGIC.keySet().stream().sorted().toList());
        }
        if (base64.length() > MAX_BYTES / 3 * 4 + 8) {
            throw ProblemException.invalid("writtenRequestDocument", "must be at most " + MAX_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("writtenRequestDocument", "must be Base64");
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw ProblemException.invalid("writtenRequestDocument", "must be 1 to " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes.length <= i || bytes[i] != magic[i]) {
                throw ProblemException.invalid("writtenRequestDocument", "is not a " + t + " document");
            }
        }
        return new WrittenDocument(bytes, t);
    }
}
