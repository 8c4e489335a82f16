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
import org.springframework.stereotype.Component;

/**
 * Console sign-in: user name, password and (unless demo mode turned it off) the TOTP code from the
 * form field {@code code}. Every outcome is audited; wrong credentials count towards the lock-out,
 * and the failure that reaches the limit locks the account ({@code user.locked}).
 *
 * <p>The refusal never says which part was wrong, so the form cannot be used to guess passwords
 * and codes separately.
 */
@Component
class MemberSignIn implements AuthenticationProvider {

    private static final String GENERIC = "User name, password or code is not right";

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final SecondFactor secondFactor;
    /** A hash of a random password: checked against when the account does not exist, so both take as long. */
    private final String dummyHash;

    MemberSignIn(UserAccounts accounts, PasswordEncoder passwords, SecondFactor secondFactor) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.dummyHash = passwords.encode(org.platewatch.server.platform.SecretTokens.oneTimePassword());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        // User names are lower-case; "JDoe" is the same member as "jdoe".
        String username = authentication.getName() == null ? ""
                : authentication.getName().trim().toLowerCase(java.util.Locale.ROOT);
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String code = authentication.getDetails() instanceof SignInDetails d ? d.code() : null;

        Optional<UserAccount> found = accounts.findByUsername(username);
        Optional<UserAccounts.SignInRecord> record = accounts.signInRecord(username);
        if (found.isEmpty() || record.isEmpty()) {
            passwords.matches(password, dummyHash); // the same work as for a real account
            accounts.recordFailedSignIn(username, "no-such-account");
            throw new BadCredentialsException(GENERIC);
        }
        UserAccount account = found.get();
        if (account.locked()) {
            accounts.recordRefusedSignIn(account, "locked");
            throw new LockedException("The account is locked; ask the ALPR administrator to unlock it");
        }
        if (!account.enabled()) {
            accounts.recordRefusedSignIn(account, "disabled");
            throw new DisabledException("The account is disabled");
        }
        if (!passwords.matches(password, record.get().passwordHash())) {
            fail(username, "wrong-password");
        }
        OptionalLong step = OptionalLong.empty();
        if (secondFactor.required()) {
            step = secondFactor.matchingStep(record.get().totpSecret(), code);
            if (step.isEmpty()) {
                fail(username, code == null || code.isEmpty() ? "missing-code" : "wrong-code");
            }
        }
        if (!accounts.recordSignIn(username, step)) {
            fail(username, "replayed-code");
        }
        SignedInMember member = new SignedInMember(accounts.findByUsername(username).orElseThrow());
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                member, null, member.authorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    private void fail(String username, String reason) {
        boolean lockedNow = accounts.recordFailedSignIn(username, reason);
        if (lockedNow) {
            throw new LockedException("Too many failed sign-ins: the account is locked; ask the ALPR administrator");
        }
        throw new BadCredentialsException(GENERIC);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
