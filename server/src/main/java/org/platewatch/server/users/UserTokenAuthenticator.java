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

    private final PersonalTokens tokens;

    UserTokenAuthenticator(PersonalTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(PersonalTokens.TOKEN_PREFIX);
    }

    @Override
    public Optional<Authentication> authenticate(String token) {
        // The principal stays the UserAccount itself (as before issue 6); it is an Actor.Source.
        return tokens.holderOf(token)
                .map(user -> UsernamePasswordAuthenticationToken.authenticated(
                        user, null, SignedInMember.authoritiesOf(user.role())));
    }
}
