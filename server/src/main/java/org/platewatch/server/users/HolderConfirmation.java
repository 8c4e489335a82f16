package org.platewatch.server.users;

import java.util.OptionalLong;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proof that the person acting holds the account, asked before an action that a stolen session or token
 * must not be able to take: the current password (a password change), or the password and a fresh TOTP
 * code (a new second factor, a personal token). A wrong answer counts towards the lock-out like a failed
 * sign-in, so an open session or a leaked token does not allow password guessing.
 */
@Component
class HolderConfirmation {

    /** The holder's current password and a fresh TOTP code did not both check out. */
    static final ProblemType CONFIRMATION_FAILED = new ProblemType(
            "holder-confirmation-failed",
            "The current password and authenticator code are needed",
            HttpStatus.FORBIDDEN);

    private final UserStore store;
    private final PasswordEncoder passwords;
    private final SecondFactor secondFactor;
    private final SignInLedger ledger;
    /** For the failure's count and audit, which must commit although the caller's transaction is refused. */
    private final TransactionTemplate separately;

    HolderConfirmation(
            UserStore store,
            PasswordEncoder passwords,
            SecondFactor secondFactor,
            SignInLedger ledger,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.ledger = ledger;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Checks the current password alone: refused as a bad {@code currentPassword} field. */
    void confirmPassword(UserAccount account, String currentPassword) {
        if (!passwordMatches(record(account), currentPassword)) {
            countFailure(account, "confirmation-wrong-password");
            throw ProblemException.invalid("currentPassword", "is not right");
        }
    }

    /**
     * Checks the current password and a fresh TOTP code (each step is accepted once, as at sign-in) inside
     * the caller's transaction, so a claimed step is given back when the action is refused. A failure
     * is recorded in a transaction of its own.
     */
    void confirm(UserAccount account, String currentPassword, String code) {
        SignInRecord record = record(account);
        String reason = null;
        if (!passwordMatches(record, currentPassword)) {
            reason = "wrong-password";
        } else if (secondFactor.required()) {
            String typed = code == null ? null : code.replace(" ", "").trim();
            OptionalLong step = secondFactor.matchingStep(record.totpSecret(), typed);
            if (step.isEmpty()) {
                reason = typed == null || typed.isEmpty() ? "missing-code" : "wrong-code";
            } else if (!store.claimTotpStep(account.id(), step.getAsLong())) {
                reason = "replayed-code";
            }
        }
        if (reason == null) {
            return;
        }
        countFailure(account, "confirmation-" + reason);
        throw new ProblemException(
                CONFIRMATION_FAILED,
                "currentPassword",
                "currentPassword: the password or the authenticator code is not right");
    }

    private SignInRecord record(UserAccount account) {
        return store.signInRecord(account.username()).orElseThrow();
    }

    private boolean passwordMatches(SignInRecord record, String currentPassword) {
        return currentPassword != null && passwords.matches(currentPassword, record.passwordHash());
    }

    /** Counts the failure on its own; the one that reaches the limit locks the account and is refused as such. */
    private void countFailure(UserAccount account, String reason) {
        Boolean lockedNow = separately.execute(status -> ledger.recordFailure(account.username(), reason));
        if (Boolean.TRUE.equals(lockedNow)) {
            throw new ProblemException(
                    MemberAccess.ACCOUNT_LOCKED,
                    "Too many failed attempts: the account is locked; ask the ALPR administrator");
        }
    }
}
