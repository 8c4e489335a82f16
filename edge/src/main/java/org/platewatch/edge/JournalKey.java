package org.platewatch.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The journal's AES-256 key, from the device's configuration: the environment variable
 * {@value #ENV} (Base64 of 32 bytes) when set, else a key file ({@code --key-file}, by default
 * {@code DATA_DIR/journal.key}), created owner-only on first use. A unit whose key lives outside its
 * data disk (a TPM-backed secret, an env file on another volume) gives a thief ciphertext only.
 */
final class JournalKey {

    static final String ENV = "PLATEWATCH_EDGE_JOURNAL_KEY";
    private static final int KEY_BYTES = 32;

    private JournalKey() {}

    static SecretKey load(String fromEnvironment, Path keyFile) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return decode(fromEnvironment.trim(), ENV);
        }
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the journal key " + keyFile, e);
        }
    }

    /** A fresh key, Base64: what an installer puts into {@value #ENV} or the key file. */
    static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void create(Path keyFile) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path partial = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
        }
        Files.writeString(partial, generate() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        // A hard link publishes the complete file under its name, never a half-written one.
        try {
            Files.createLink(keyFile, partial);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static SecretKey decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new JournalKeyException(where + " is not Base64");
        }
        if (key.length != KEY_BYTES) {
            throw new JournalKeyException(where + " must hold " + KEY_BYTES + " bytes (AES-256), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
