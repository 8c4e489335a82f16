package org.platewatch.server.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a detection search must state, who may run one, and where a search becomes broad enough to need a
 * supervisor's approval first.
 *
 * @param reasonRequired              a stated purpose; always true (Civil Code § 1798.90.52(a)(4))
 * @param caseNumberRequired          a case or incident number
 * @param roles                       the roles that may search, by name ({@code OFFICER}, {@code INVESTIGATOR},
 *                                    {@code SUPERVISOR}, {@code ADMINISTRATOR}); auditors and devices never may
 * @param maxWindowWithoutPlate       a search naming no plate may cover at most this long a time window without
 *                                    approval (a search naming no window covers all that is kept)
 * @param maxRadiusMetersWithoutPlate a search naming no plate may cover an area at most this wide (the radius of a
 *                                    circle, or of the smallest circle around a polygon's corners)
 * @param minKnownPlateCharacters     a partial plate with fewer known characters than this needs approval
 */
public record SearchRules(
        boolean reasonRequired,
        boolean caseNumberRequired,
        Set<String> roles,
        Duration maxWindowWithoutPlate,
        int maxRadiusMetersWithoutPlate,
        int minKnownPlateCharacters) {

    /** The roles a profile may let search; the auditor reads the trail, a device only uploads. */
    public static final Set<String> ROLES_THAT_MAY_SEARCH =
            Set.of("OFFICER", "INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR");

    public SearchRules {
        if (!reasonRequired) {
            throw new IllegalArgumentException(
                    "Civil Code § 1798.90.52(a)(4) requires the purpose of every access to be recorded");
        }
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role must be allowed to search");
        }
        for (String role : roles) {
            if (!ROLES_THAT_MAY_SEARCH.contains(role)) {
                throw new IllegalArgumentException("the role " + role + " may not search detections; only "
                        + ROLES_THAT_MAY_SEARCH + " may be allowed to");
            }
        }
        Objects.requireNonNull(maxWindowWithoutPlate, "maxWindowWithoutPlate");
        if (maxWindowWithoutPlate.isNegative() || maxWindowWithoutPlate.isZero()) {
            throw new IllegalArgumentException("maxWindowWithoutPlate must be positive");
        }
        if (maxRadiusMetersWithoutPlate <= 0) {
            throw new IllegalArgumentException("maxRadiusMetersWithoutPlate must be positive");
        }
        if (minKnownPlateCharacters < 1) {
            throw new IllegalArgumentException("minKnownPlateCharacters must be at least 1");
        }
    }

    /** Whether a member with the role (by name) may search. */
    public boolean allowsRole(String role) {
        return roles.contains(role);
    }
}
