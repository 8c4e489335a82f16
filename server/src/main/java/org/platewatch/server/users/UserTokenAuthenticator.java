package org.platewatch.server.users;

import java.util.Optional;
import org.platewatch.server.platform.BearerTokenAuthenticator;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Personal API tokens carry their holder's role, read afresh on every request; training, CLETS and
 * the rest are checked per request by {@link MemberAccess}.
 */
@Component
class UserTokenAuthenticator implements BearerTokenAuthenticator {

    private final UserAccounts accounts;

    UserTokenAuthenticator(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(UserAccounts.TOKEN_PREFIX);
    }

    @Override
    public Optional<Authentication> authenticate(String token) {
        // The principal stays the UserAccount itself (as before issue 6); it is an Actor.Source.
        return accounts.findByToken(token).map(user -> UsernamePasswordAuthenticationToken.authenticated(
                user, null, SignedInMember.authoritiesOf(user.role())));
    }
}
