package org.platewatch.server.users;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The principal of a console session: the account as it stood at sign-in. (A personal API token's
 * principal is the {@link UserAccount} itself.) Permission checks re-read the account ({@link MemberAccess}).
 */
public record SignedInMember(UserAccount account) implements Actor.Source, AgencyId.Owner, java.io.Serializable {

    @Override
    public Actor actor() {
        return account.actor();
    }

    @Override
    public AgencyId agency() {
        return account.agency();
    }

    /** {@code ROLE_X} plus one {@code PERMISSION_Y} per permission of the role. */
    static List<GrantedAuthority> authoritiesOf(Role role) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(role.authority()));
        for (Permission p : Permission.values()) {
            if (p.grantedTo(role)) {
                authorities.add(new SimpleGrantedAuthority(p.authority()));
            }
        }
        return authorities;
    }

    Collection<GrantedAuthority> authorities() {
        return authoritiesOf(account.role());
    }

    @Override
    public String toString() {
        return "SignedInMember[" + account.username() + "]";
    }
}
