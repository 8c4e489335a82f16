package org.platewatch.server.alert;

import org.platewatch.server.hotlist.CletsWithheld;
import org.platewatch.server.hotlist.Hotlists;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Component;

/**
 * Hits on CLETS-derived lists (CA DOJ, NCIC: {@code HotlistSource.cletsDerived}) for members without CLETS
 * authorisation: the API, the live stream and the console show them {@link Alert#withheldFromMembersWithoutClets
 * what is left}, and they may not move such an alert on (they cannot see what they would be verifying).
 * Whether a member is authorised is asked of {@link MemberAccess} ({@link Permission#QUERY_CLETS}) each time.
 */
@Component
class CletsScreen {

    private final Hotlists hotlists;
    private final MemberAccess access;

    CletsScreen(Hotlists hotlists, MemberAccess access) {
        this.hotlists = hotlists;
        this.access = access;
    }

    /** Whether a hit on this list is CLETS-derived (a list no longer known counts as one). */
    boolean derived(long hotlistId) {
        return hotlists.cletsDerived(hotlistId);
    }

    /** Whether the member may see CLETS-derived data now. */
    boolean cleared(UserAccount member) {
        return access.may(member, Permission.QUERY_CLETS);
    }

    /** The alert as a member who is (or is not) {@link #cleared} for CLETS sees it. */
    static Alert asSeenBy(Alert alert, boolean cleared) {
        return alert.cletsDerived() && !cleared ? alert.withheldFromMembersWithoutClets() : alert;
    }

    /**
     * Refuses a member without CLETS authorisation a step on a CLETS-derived hit, and the CONFIRMED step on any
     * hit (it is the NCIC hit confirmation with the entering agency); {@code clets-not-authorised}, 403.
     */
    void requireForStep(UserAccount member, AlertState to, boolean cletsDerived, String listName) {
        if (!cletsDerived && to != AlertState.CONFIRMED) {
            return;
        }
        var refusal = access.refusal(member, Permission.QUERY_CLETS);
        if (refusal.isEmpty()) {
            return;
        }
        if (!refusal.get().type().equals(MemberAccess.CLETS_NOT_AUTHORISED)) {
            throw refusal.get();
        }
        String why = cletsDerived
                ? CletsWithheld.of(listName).reason()
                : "CONFIRMED records the NCIC hit confirmation with the entering agency, a CLETS action, and the "
                        + "account '" + member.username() + "' is not CLETS-authorised";
        throw new ProblemException(
                MemberAccess.CLETS_NOT_AUTHORISED,
                "to",
                why + "; ask " + CletsWithheld.ASK_FOR + " to move this alert on");
    }
}
