package org.platewatch.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets kept in the database but sealed with a key that is not: AES-256-GCM (JDK crypto), the key in an owner-only
 * file of its own (256 random bits, created on first use). A database dump, or a connection to the database as any
 * role, therefore yields no secret. Each feature that keeps one (the members' TOTP secrets, the credentials regional
 * centres issued to the department) has its own key file and names the row a secret belongs to as the associated
 * data, so a sealed value copied onto another row does not open.
 *
 * <p>Stored form: {@code aesgcm1:} and the Base64 of a 12-byte nonce followed by the ciphertext and its tag.
 */
public final class SealedSecrets {

    /** What every sealed value starts with (a query can tell sealed values from others by it). */
    public static final String PREFIX = "aesgcm1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    /**
     * @param keyFile the key's file, created when missing
     * @param what    what the key is, for messages ("the TOTP key file")
     */
    public SealedSecrets(Path keyFile, String what) {
        this.key = new SecretKeySpec(loadOrCreate(keyFile, what), "AES");
    }

    /** Whether a stored value is sealed (a value from before sealing was introduced is not). */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    public String seal(String secret, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /**
     * The secret, or empty when the value does not open with this key and these associated data: another key file,
     * a row edited in the database, a value copied from another row, or one that is not sealed at all.
     */
    public Optional<String> open(String sealed, String associatedData) {
        if (!isSealed(sealed)) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Optional.of(
                    new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] loadOrCreate(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                // Of two processes starting at once (the CLI beside the server), one key wins; the other reads it.
                OwnerOnlyFiles.createIfAbsent(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            byte[] bytes = Base64.getDecoder().decode(OwnerOnlyFiles.read(file).strip());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException(what + " " + file + " must hold 32 bytes in Base64");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + what + " " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " " + file + " is not Base64", e);
        }
    }
}
