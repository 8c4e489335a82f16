package org.platewatch.server.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.platewatch.server.platform.PlatewatchProperties;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets at rest: AES-256-GCM (JDK crypto) with a key kept outside the database, in a file readable by
 * the server's operating-system account only (0600). The key file is {@code platewatch.users.totp-key-file},
 * by default {@code totp-secret.key} in the data directory, created with 256 random bits on first use. A
 * database dump or a connection to the database alone therefore does not yield anyone's second factor.
 *
 * <p>Stored form: {@code aesgcm1:} and the Base64 of a 12-byte nonce followed by the ciphertext and tag.
 * The account's id is the additional authenticated data, so a secret copied onto another account's row does
 * not decrypt. A value without the prefix is a secret from before encryption: it is read as it is, and
 * {@link TotpSecretsAtRest} encrypts such values on start.
 */
@Component
class TotpSecretCipher {

    static final String PREFIX = "aesgcm1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    TotpSecretCipher(UsersProperties settings, PlatewatchProperties platform) {
        Path file = settings.totpKeyFile() != null
                ? settings.totpKeyFile()
                : platform.dataDir().resolve("totp-secret.key");
        this.key = new SecretKeySpec(loadOrCreate(file), "AES");
    }

    /** The stored form of a secret; null stays null (an account that has not enrolled yet). */
    String encrypt(UUID accountId, String secret) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(accountId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a TOTP secret", e);
        }
    }

    /** The secret from its stored form; a value from before encryption is returned as it is. */
    String decrypt(UUID accountId, String stored) {
        if (stored == null || !isEncrypted(stored)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(aad(accountId));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A wrong key file or a row edited in the database: the account cannot pass a code check.
            throw new IllegalStateException(
                    "the TOTP secret of account " + accountId + " does not decrypt with "
                            + "the configured key (platewatch.users.totp-key-file)",
                    e);
        }
    }

    static boolean isEncrypted(String stored) {
        return stored.startsWith(PREFIX);
    }

    private static byte[] aad(UUID accountId) {
        return accountId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            if (Files.getFileStore(file).supportsFileAttributeView("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                throw new IllegalStateException(
                        "the TOTP key file " + file + " must be readable by its owner only " + "(chmod 600)");
            }
            byte[] key = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalStateException("the TOTP key file " + file + " must hold 32 bytes in Base64");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the TOTP key file " + file, e);
        }
    }

    private void create(Path file) throws IOException {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(
                    file,
                    Base64.getEncoder().encodeToString(fresh) + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // another process (the CLI beside the server) created it first: use theirs
        }
    }
}
