package org.platewatch.server.users;

import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Console sign-in: user name, password and (unless demo mode turned it off) the TOTP code from the
 * form field {@code code}. Every outcome is audited; wrong credentials count towards the lock-out,
 * and the failure that reaches the limit locks the account ({@code user.locked}) for {@code lock-out-duration}.
 *
 * <p>The refusal never says which part was wrong, so the form cannot be used to guess passwords
 * and codes separately; and "locked" or "disabled" is said only after the right password.
 *
 * <p>A {@link SignInThrottle} stands in front: after too many failures from one client address or for
 * one user name within the window, attempts are refused before any check, database read or audit
 * write. Attempts for accounts that do not exist are audited once per address per window.
 */
@Component
class MemberSignIn implements AuthenticationProvider {

    private static final String GENERIC = "User name, password or code is not right";
    private static final String THROTTLED = "Too many failed sign-ins; wait a few minutes and try again";
    /** Longer user names are cut for the throttle's key (none is valid: at most 40 characters). */
    private static final int MAX_KEY = 64;

    private final UserAccounts accounts;
    private final SignInLedger ledger;
    private final PasswordEncoder passwords;
    private final SecondFactor secondFactor;
    /** A hash of a random password: checked against when the account does not exist, so both take as long. */
    private final String dummyHash;

    private final SignInThrottle throttle;

    MemberSignIn(
            UserAccounts accounts,
            SignInLedger ledger,
            PasswordEncoder passwords,
            SecondFactor secondFactor,
            java.time.Clock clock,
            UsersProperties settings) {
        this.throttle = new SignInThrottle(clock, settings.signInThrottle());
        this.accounts = accounts;
        this.ledger = ledger;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.dummyHash = passwords.encode(org.platewatch.server.platform.SecretTokens.oneTimePassword());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        // User names are lower-case; "JDoe" is the same member as "jdoe".
        String username = authentication.getName() == null
                ? ""
                : authentication.getName().trim().toLowerCase(java.util.Locale.ROOT);
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        String code = authentication.getDetails() instanceof SignInDetails d ? d.code() : null;
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails w && w.getRemoteAddress() != null
                        ? w.getRemoteAddress()
                        : "unknown";
        String key = username.length() > MAX_KEY ? username.substring(0, MAX_KEY) : username;

        if (throttle.refuses(address, key)) {
            // Nothing checked, read or written. The generic refusal: the console says "sign-in failed".
            throw new BadCredentialsException(THROTTLED);
        }
        Optional<UserAccount> found = accounts.findByUsername(username);
        Optional<SignInRecord> record = accounts.signInRecord(username);
        if (found.isEmpty() || record.isEmpty()) {
            passwords.matches(password, dummyHash); // the same work as for a real account
            int unrecorded = throttle.unknownAccount(address);
            if (unrecorded >= 0) {
                ledger.recordUnknownAccount(username, unrecorded, throttle.window());
            }
            counted(address, key);
            throw new BadCredentialsException(GENERIC);
        }
        UserAccount account = found.get();
        // The password first: only its holder learns that the account is locked or disabled. A wrong password
        // gets the same answer whatever the account's state.
        if (!passwords.matches(password, record.get().passwordHash())) {
            fail(address, key, username, "wrong-password");
        }
        if (account.locked()) {
            counted(address, key);
            ledger.recordRefusal(account, "locked");
            throw new LockedException("The account is locked; ask the ALPR administrator to unlock it");
        }
        if (!account.enabled()) {
            counted(address, key);
            ledger.recordRefusal(account, "disabled");
            throw new DisabledException("The account is disabled");
        }
        OptionalLong step = OptionalLong.empty();
        // A new account has no second factor yet: its one-time password opens only the first sign-in page,
        // where the holder enrols their own (FirstSignInPasswordChange keeps them there, on the API too).
        boolean enrolling = record.get().totpSecret() == null && accounts.mustChangePassword(username);
        if (secondFactor.required() && !enrolling) {
            step = secondFactor.matchingStep(record.get().totpSecret(), code);
            if (step.isEmpty()) {
                fail(address, key, username, code == null || code.isEmpty() ? "missing-code" : "wrong-code");
            }
        }
        if (!ledger.recordSignIn(username, step)) {
            fail(address, key, username, "replayed-code");
        }
        throttle.succeeded(key);
        SignedInMember member =
                new SignedInMember(accounts.findByUsername(username).orElseThrow());
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(member, null, member.authorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    /** Counts a failure in the throttle; the one that reaches a limit is audited (once per window). */
    private void counted(String address, String key) {
        String reached = throttle.failed(address, key);
        if (reached != null) {
            ledger.recordThrottled(reached.equals("address") ? "address:" + address : "user:" + key, throttle.window());
        }
    }

    /**
     * Counts the failure (the one that reaches the limit locks the account, audited) and refuses with the generic
     * answer: even the failure that locks says nothing of the lock, which would tell a stranger that the name is a
     * real account. Its holder learns of the lock at the next sign-in with the right password.
     */
    private void fail(String address, String key, String username, String reason) {
        counted(address, key);
        ledger.recordFailure(username, reason);
        throw new BadCredentialsException(GENERIC);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
