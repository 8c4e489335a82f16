package org.platewatch.server.users;

import java.util.List;
import java.util.Optional;
import org.platewatch.server.platform.BearerTokenAuthenticator;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Personal API tokens carry their holder's role. */
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
        return accounts.findByToken(token).map(user -> UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority(user.role().authority()))));
    }
}
