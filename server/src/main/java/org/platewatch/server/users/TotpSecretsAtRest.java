package org.platewatch.server.users;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On start, encrypts the TOTP secrets still stored in clear (databases from before {@link TotpSecretCipher}).
 * Idempotent: only values without the cipher's prefix are touched, each row by its id and its old value, so a
 * concurrent re-enrolment is never overwritten. Until it has run, a clear secret is still read as it is.
 */
@Component
@Order(-10)
class TotpSecretsAtRest implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TotpSecretsAtRest.class);

    private final UserStore store;

    TotpSecretsAtRest(UserStore store) {
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<UserStore.StoredSecret> clear = store.clearTotpSecrets();
        int done = 0;
        for (UserStore.StoredSecret s : clear) {
            done += store.encryptClearTotpSecret(s.accountId(), s.stored()) ? 1 : 0;
        }
        if (done > 0) {
            log.info("Encrypted {} TOTP secret(s) that were stored in clear", done);
        }
    }
}
