package org.platewatch.server.users;

import java.util.Collection;
import java.util.List;
import org.platewatch.server.platform.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Console sign-in: the account's bcrypt hash and role. */
@Component
class AccountDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    AccountDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        String hash = accounts.passwordHash(username).orElseThrow();
        return new SignedInMember(account, hash);
    }

    /** The console principal: the account plus what Spring Security needs to check the password. */
    record SignedInMember(UserAccount account, String passwordHash) implements UserDetails, Actor.Source {

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of(new SimpleGrantedAuthority(account.role().authority()));
        }

        @Override
        public String getPassword() {
            return passwordHash;
        }

        @Override
        public String getUsername() {
            return account.username();
        }

        @Override
        public boolean isEnabled() {
            return account.enabled();
        }

        @Override
        public Actor actor() {
            return account.actor();
        }
    }
}
