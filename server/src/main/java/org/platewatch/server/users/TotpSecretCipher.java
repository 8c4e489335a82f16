package org.platewatch.server.users;

import java.nio.file.Path;
import java.util.UUID;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.platform.SealedSecrets;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets at rest, sealed ({@link SealedSecrets}: AES-256-GCM) with a key kept outside the database, in a
 * file readable by the server's operating-system account only (0600). The key file is {@code platewatch.users.totp-key-file},
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

    private final SealedSecrets sealed;

    TotpSecretCipher(UsersProperties settings, PlatewatchProperties platform) {
        Path file = settings.totpKeyFile() != null
                ? settings.totpKeyFile()
                : platform.dataDir().resolve("totp-secret.key");
        this.sealed = new SealedSecrets(file, "the TOTP key file");
    }

    /** The stored form of a secret; null stays null (an account that has not enrolled yet). */
    String encrypt(UUID accountId, String secret) {
        return secret == null ? null : sealed.seal(secret, accountId.toString());
    }

    /** The secret from its stored form; a value from before encryption is returned as it is. */
    String decrypt(UUID accountId, String stored) {
        if (stored == null || !isEncrypted(stored)) {
            return stored;
        }
        // A wrong key file or a row edited in the database: the account cannot pass a code check.
        return sealed.open(stored, accountId.toString())
                .orElseThrow(() -> new IllegalStateException("the TOTP secret of account " + accountId
                        + " does not decrypt with the configured key (platewatch.users.totp-key-file)"));
    }

    static boolean isEncrypted(String stored) {
        return SealedSecrets.isSealed(stored);
    }
}
