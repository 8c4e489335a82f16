package org.platewatch.server.users;

import java.time.Clock;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A new TOTP secret for an account: the administrator's for a member who lost their authenticator, or the
 * member's own with proof of holding the account. The otpauth:// URI is returned once, never stored.
 */
@Service
class SecondFactorEnrolment {

    private final UserStore store;
    private final SecondFactor secondFactor;
    private final HolderConfirmation confirmation;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactorEnrolment(
            UserStore store, SecondFactor secondFactor, HolderConfirmation confirmation, AuditLog audit, Clock clock) {
        this.store = store;
        this.secondFactor = secondFactor;
        this.confirmation = confirmation;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An administrator replaces another member's TOTP secret (a lost authenticator); returns the new
     * otpauth:// URI, shown once. Not one's own: that is {@link #enrolOwn}, with the password and a
     * current code, so that an administrator's token or open session cannot take over the account.
     */
    @Transactional
    public String enrol(String username, Actor enrolledBy) {
        if (username.equals(enrolledBy.username())) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "username",
                    "username: replace your own second factor "
                            + "on My account (POST /api/v1/users/me/second-factor), with your password and a current code");
        }
        return replace(store.require(username), enrolledBy);
    }

    /**
     * The member replaces their own TOTP secret, proving they hold the account: current password and a
     * current code from the authenticator being replaced (a stolen session alone cannot lock the holder out).
     */
    @Transactional
    public String enrolOwn(String username, String currentPassword, String code) {
        UserAccount account = store.require(username);
        confirmation.confirm(account, currentPassword, code);
        return replace(account, account.actor());
    }

    /**
     * The holder's first second factor, at first sign-in: the secret the console showed them, proved by a
     * current code from it (that step counts as used). Refused as a bad {@code code} field.
     */
    void enrolAtFirstSignIn(UserAccount account, String secret, String code) {
        String typed = code == null ? null : code.replace(" ", "").trim();
        java.util.OptionalLong step = secondFactor.matchingStep(secret, typed);
        if (step.isEmpty()) {
            throw ProblemException.invalid(
                    "code",
                    "is not the code your authenticator app shows for the new "
                            + "second factor; add it to the app and type the current code");
        }
        store.replaceTotpSecret(account.id(), secret, clock.instant());
        store.claimTotpStep(account.id(), step.getAsLong());
        audit.record(
                account.actor(),
                AuditEvent.of("user.second-factor-enrolled", "user:" + account.username())
                        .withTerms("at=first-sign-in"));
    }

    /** A fresh secret for the first sign-in page to show. */
    String newSecret() {
        return secondFactor.newSecret();
    }

    String uri(String username, String secret) {
        return secondFactor.uri(username, secret);
    }

    private String replace(UserAccount account, Actor enrolledBy) {
        String secret = secondFactor.newSecret();
        store.replaceTotpSecret(account.id(), secret, clock.instant());
        audit.record(enrolledBy, AuditEvent.of("user.second-factor-enrolled", "user:" + account.username()));
        return secondFactor.uri(account.username(), secret);
    }
}
