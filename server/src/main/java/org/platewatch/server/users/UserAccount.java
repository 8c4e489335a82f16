package org.platewatch.server.users;

import java.time.LocalDate;
import java.util.UUID;
import org.platewatch.server.platform.Actor;

/**
 * A member's account. {@code trainedOn} is the date of the latest ALPR training record, or null
 * when there is none: without current training the account may sign in but not act.
 */
public record UserAccount(UUID id, String username, String fullName, Role role, boolean enabled,
        boolean cletsAuthorised, LocalDate trainedOn) implements Actor.Source {

    @Override
    public Actor actor() {
        return new Actor(username, fullName);
    }
}
