package org.platewatch.server.reads;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where plate and overview images live, content-addressed by SHA-256: the same image stored twice
 * takes the room of one, and a detection refers to its image by hash. Images never go into logs.
 */
public interface ImageStore {

    /** Stores the bytes and returns their SHA-256 in lower-case hex. */
    String put(byte[] jpeg) throws IOException;

    Optional<InputStream> open(String sha256) throws IOException;

    boolean delete(String sha256) throws IOException;

    /** The name an image is stored under: the SHA-256 of its bytes, lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
