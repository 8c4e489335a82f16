package org.platewatch.server.users;

import static org.platewatch.server.users.Role.ADMINISTRATOR;
import static org.platewatch.server.users.Role.AUDITOR;
import static org.platewatch.server.users.Role.INVESTIGATOR;
import static org.platewatch.server.users.Role.OFFICER;
import static org.platewatch.server.users.Role.SUPERVISOR;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a member may do, mapped to roles here and nowhere else. Features ask {@link MemberAccess}
 * before acting; endpoints that cannot depend on this package may check the Spring Security
 * authority {@link #authority()} ({@code PERMISSION_READ_AUDIT}, ...), which every signed-in member
 * and personal API token carries for each permission of its role.
 *
 * <p>{@code requiresTraining}: the Civil Code (1798.90.51) lets only trained members use ALPR
 * information, so each permission that reads or acts on detections, alerts or hot lists needs a
 * current training record. Running the program (accounts, the audit trail) does not: an
 * administrator whose training lapsed must still be able to record a colleague's training, and an
 * outside auditor is not an ALPR operator.
 */
public enum Permission {
    /**
     * Search stored detections (with a stated purpose; the search feature enforces that). These are the roles a
     * profile may allow; {@link MemberAccess} also asks the profile's {@code search().roles()}.
     */
    SEARCH_DETECTIONS(true, OFFICER, INVESTIGATOR, SUPERVISOR, ADMINISTRATOR),
    /** Approve a search the policy calls broad (area canvass, partial plate over a long period). */
    APPROVE_BROAD_SEARCHES(true, SUPERVISOR, ADMINISTRATOR),
    /** See live alerts, verify them, record the stop outcome. */
    ACT_ON_ALERTS(true, OFFICER, INVESTIGATOR, SUPERVISOR, ADMINISTRATOR),
    /** Review alerts and outcomes of other members. */
    REVIEW_ALERTS(true, SUPERVISOR, ADMINISTRATOR),
    /** Act on CLETS-derived data (CA DOJ SVS hits, NCIC confirmations). Also needs the account's CLETS flag. */
    QUERY_CLETS(true, OFFICER, INVESTIGATOR, SUPERVISOR, ADMINISTRATOR),
    /** Propose a custom hot-list entry (a local BOLO, a partial plate from a major crime). */
    PROPOSE_HOTLIST_ENTRIES(true, OFFICER, INVESTIGATOR, SUPERVISOR, ADMINISTRATOR),
    /** Approve or reject a proposed custom hot-list entry. */
    APPROVE_HOTLIST_ENTRIES(true, SUPERVISOR, ADMINISTRATOR),
    /** Configure hot-list sources and imports. */
    MANAGE_HOTLISTS(true, ADMINISTRATOR),
    /** Enter and approve the release of data to another agency (the administrator or designee). */
    APPROVE_RELEASES(true, ADMINISTRATOR),
    /**
     * Place a legal hold on detections for a case. {@link MemberAccess} also asks the profile's search roles: a hold
     * names what its placer found, so only a member who may search places one.
     */
    PLACE_LEGAL_HOLDS(true, INVESTIGATOR, SUPERVISOR, ADMINISTRATOR),
    /** Approve, reject and release a legal hold another member placed, and export its evidence. */
    APPROVE_LEGAL_HOLDS(true, SUPERVISOR, ADMINISTRATOR),
    /** Register agencies and keep the standing sharing agreements; reveals no detection. */
    MANAGE_SHARING(false, ADMINISTRATOR),
    /** Record a security breach and track its notification and post-breach steps. */
    RECORD_BREACHES(false, ADMINISTRATOR),
    /** Legal holds, evidence export, retention settings. */
    MANAGE_RETENTION(true, ADMINISTRATOR),
    /** Register and retire cameras and in-car units. */
    MANAGE_DEVICES(false, ADMINISTRATOR),
    /** Create accounts, change roles, record training, set CLETS, unlock, disable. */
    MANAGE_USERS(false, ADMINISTRATOR),
    /** Read and export the audit trail and its chain head. */
    READ_AUDIT(false, AUDITOR, ADMINISTRATOR),
    /** Run the periodic policy audit: draw the sample, mark findings, complete and read the reports. */
    CONDUCT_AUDITS(false, AUDITOR, ADMINISTRATOR),
    /** Correct a detection's plate or state (a data error), the original kept on the record. */
    CORRECT_DETECTIONS(true, ADMINISTRATOR);

    private final boolean requiresTraining;

    @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable view of an EnumSet that nothing else holds
    private final Set<Role> roles;

    Permission(boolean requiresTraining, Role first, Role... rest) {
        this.requiresTraining = requiresTraining;
        this.roles = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** Whether the member must hold a current ALPR training record to use this permission. */
    public boolean requiresTraining() {
        return requiresTraining;
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }

    /** The Spring Security authority for this permission, e.g. {@code PERMISSION_READ_AUDIT}. */
    public String authority() {
        return "PERMISSION_" + name();
    }
}
