package org.platewatch.server.sharing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.platewatch.server.platform.OwnerOnlyFiles;
import org.platewatch.server.platform.PlatewatchProperties;
import org.springframework.stereotype.Component;

/**
 * The device credentials regional centres issued to the department, at rest: AES-256-GCM with a key in an
 * owner-only file outside the database ({@code feed-credentials.key} in the data directory), as the TOTP secrets
 * are kept. A database dump alone therefore cannot post reads to a centre as the department. The agreement id is
 * the associated data, so a sealed credential copied onto another feed does not open. The credential is never
 * logged, audited or answered back: the API says only whether one is set.
 */
@Component
class FeedCredentials {

    private static final String PREFIX = "aesgcm1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    FeedCredentials(FeedProperties settings, PlatewatchProperties platform) {
        Path file = settings.keyFile() != null
                ? settings.keyFile()
                : platform.dataDir().resolve("feed-credentials.key");
        this.key = new SecretKeySpec(loadOrCreate(file), "AES");
    }

    String seal(long agreementId, String credential) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(agreementId));
            byte[] sealed = cipher.doFinal(credential.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a feed credential", e);
        }
    }

    String open(long agreementId, String sealed) {
        try {
            if (!sealed.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not sealed");
            }
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(aad(agreementId));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Another key file, or a row edited in the database: the feed cannot send until it is set again.
            throw new IllegalStateException(
                    "the credential of the feed of agreement " + agreementId + " does not open with the configured "
                            + "key (platewatch.sharing.feed.key-file); set the credential again",
                    e);
        }
    }

    private static byte[] aad(long agreementId) {
        return ("feed:" + agreementId).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                // Of two processes starting at once, one key wins; the other reads it.
                OwnerOnlyFiles.createIfAbsent(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            byte[] key = Base64.getDecoder().decode(OwnerOnlyFiles.read(file).strip());
            if (key.length != 32) {
                throw new IllegalStateException("the feed credential key " + file + " must hold 32 bytes in Base64");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the feed credential key " + file, e);
        }
    }
}
