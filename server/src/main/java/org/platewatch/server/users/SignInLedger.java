package org.platewatch.server.users;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every outcome of a sign-in, and of a holder's confirmation, in the audit log and on the account:
 * the count of consecutive failures, the lock it leads to, the TOTP step a success used.
 */
@Service
class SignInLedger {

    /** Who the audit log names for an attempt on an account that does not exist. */
    private static final Actor UNKNOWN_ACCOUNT = new Actor("anonymous", "Unknown account");

    private final UserStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties settings;

    SignInLedger(UserStore store, AuditLog audit, Clock clock, UsersProperties settings) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Counts a failed sign-in and locks the account when it reaches the limit (for {@code lock-out-duration}); a
     * failure on an account that is locked is audited but not counted. Commits on its own,
     * before the sign-in is refused, so the count and its audit records survive the refusal.
     *
     * @return true when this failure locked the account
     */
    @Transactional
    public boolean recordFailure(String username, String reason) {
        Optional<UserAccount> found = store.find(username);
        if (found.isEmpty()) {
            audit.record(
                    UNKNOWN_ACCOUNT,
                    AuditEvent.of("user.sign-in-failed", "user:" + abbreviate(username))
                            .withTerms("reason=no-such-account"));
            return false;
        }
        UserAccount account = found.get();
        Optional<UserStore.FailedSignIn> counted =
                store.countFailedSignIn(account.id(), settings.lockAfterFailedSignIns());
        if (counted.isEmpty()) {
            // Locked already (perhaps by a concurrent attempt): nothing more is counted until the lock ends.
            audit.record(
                    account.actor(),
                    AuditEvent.of("user.sign-in-failed", "user:" + username)
                            .withTerms("reason=" + reason + ", account-locked"));
            return false;
        }
        int failures = counted.get().failures();
        audit.record(
                account.actor(),
                AuditEvent.of("user.sign-in-failed", "user:" + username)
                        .withTerms("reason=" + reason + ", consecutive-failures=" + failures));
        if (counted.get().lockedNow()) {
            audit.record(
                    account.actor(),
                    AuditEvent.of("user.locked", "user:" + username)
                            .withTerms("consecutive-failures=" + failures + ", until="
                                    + clock.instant()
                                            .plus(settings.lockOutDuration())
                                            .truncatedTo(ChronoUnit.SECONDS)));
            return true;
        }
        return false;
    }

    /**
     * A sign-in for an account that does not exist: audited once per client address per throttle window
     * (the rest are counted in memory), so anyone on the network cannot fill the log or hold the chain lock.
     *
     * @param unrecordedBefore such attempts from the address in its previous window that were not audited
     */
    @Transactional
    public void recordUnknownAccount(String username, int unrecordedBefore, Duration window) {
        audit.record(
                UNKNOWN_ACCOUNT,
                AuditEvent.of("user.sign-in-failed", "user:" + abbreviate(username))
                        .withTerms("reason=no-such-account"
                                + (unrecordedBefore > 0
                                        ? ", further-unknown-accounts-in-previous-" + window + "=" + unrecordedBefore
                                        : "")));
    }

    /** A client address or user name reached the sign-in throttle: further attempts are refused unchecked. */
    @Transactional
    public void recordThrottled(String subject, Duration window) {
        audit.record(
                UNKNOWN_ACCOUNT,
                AuditEvent.of("user.sign-in-throttled", abbreviate(subject))
                        .withTerms("refused-unchecked-for-up-to=" + window));
    }

    /** Records a refused sign-in that is not a wrong credential (locked or disabled account). */
    @Transactional
    public void recordRefusal(UserAccount account, String reason) {
        audit.record(
                account.actor(),
                AuditEvent.of("user.sign-in-refused", "user:" + account.username())
                        .withTerms("reason=" + reason));
    }

    /**
     * Records a successful sign-in and the TOTP step it used.
     *
     * @return false when the step was already used (a replayed code): the sign-in must be refused
     */
    @Transactional
    public boolean recordSignIn(String username, OptionalLong totpStep) {
        UserAccount account = store.require(username);
        if (totpStep.isPresent() && !store.claimTotpStep(account.id(), totpStep.getAsLong())) {
            return false;
        }
        store.signedIn(account.id(), clock.instant());
        audit.record(
                account.actor(),
                AuditEvent.of("user.signed-in", "user:" + username)
                        .withTerms(totpStep.isPresent() ? "second-factor=totp" : "second-factor=off-in-demo"));
        return true;
    }

    /** A typed user name as the audit log keeps it: lower case, at most 40 characters (none valid is longer). */
    private static String abbreviate(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT);
        return t.length() > 40 ? t.substring(0, 40) : t;
    }
}
