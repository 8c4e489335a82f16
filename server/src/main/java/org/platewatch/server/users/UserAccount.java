package org.platewatch.server.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;

/**
 * A member's account. {@code trainedOn} is the date of the latest ALPR training record, or null
 * when there is none: without current training the account may sign in but not act
 * ({@link MemberAccess} decides).
 *
 * @param designee            an administrator account acting as the ALPR administrator's named designee
 * @param jobClassification   the holder's job classification, checked against the profile's authorised ones
 * @param locked              locked after repeated failed sign-ins until an administrator unlocks it
 * @param secondFactorEnrolled whether a TOTP secret is on record
 * @param agency              the agency the member belongs to, for good (the home agency outside hub mode)
 */
public record UserAccount(
        UUID id,
        String username,
        String fullName,
        Role role,
        boolean enabled,
        boolean cletsAuthorised,
        LocalDate trainedOn,
        boolean designee,
        String jobClassification,
        boolean locked,
        boolean secondFactorEnrolled,
        @JsonIgnore AgencyId agency)
        implements Actor.Source, AgencyId.Owner, java.io.Serializable {

    @Override
    public Actor actor() {
        return new Actor(username, fullName);
    }
}
