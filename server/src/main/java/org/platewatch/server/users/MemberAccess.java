package org.platewatch.server.users;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.SearchRules;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one question every feature asks before a member acts: "may this member do this, now?".
 *
 * <p>The answer is read from the database on every call (role, enabled, lock, training, CLETS), so
 * a role change, a disabled account or lapsed training takes effect on the next request, whether
 * the member came through a console session or a personal API token. Devices and the system are
 * not members: they are refused every {@link Permission}.
 *
 * <p>Refusals are {@link ProblemException}s (403, problem+json) with a stable slug:
 * {@code forbidden} (the role lacks the permission, or the caller is not a member),
 * {@code training-lapsed} (no current ALPR training record; the detail says when it lapsed),
 * {@code clets-not-authorised}, {@code account-disabled}, {@code account-locked}.
 */
@Component
public class MemberAccess {

    public static final ProblemType TRAINING_LAPSED =
            new ProblemType("training-lapsed", "ALPR training is not current", HttpStatus.FORBIDDEN);
    public static final ProblemType CLETS_NOT_AUTHORISED = new ProblemType(
            "clets-not-authorised", "The account is not authorised for CLETS-derived data", HttpStatus.FORBIDDEN);
    public static final ProblemType ACCOUNT_DISABLED =
            new ProblemType("account-disabled", "The account is disabled", HttpStatus.FORBIDDEN);
    public static final ProblemType ACCOUNT_LOCKED =
            new ProblemType("account-locked", "The account is locked", HttpStatus.FORBIDDEN);

    private final UserAccounts accounts;
    private final TrainingRecords training;

    private final SearchRules searchRules;

    MemberAccess(UserAccounts accounts, TrainingRecords training, DepartmentProfile profile) {
        this.accounts = accounts;
        this.training = training;
        this.searchRules = profile.search();
    }

    /** The member acting in the current request; refuses devices, the system and anonymous callers. */
    public UserAccount requireActive(Permission permission) {
        return requireActive(Actor.current(), permission);
    }

    /**
     * Refuses unless the actor is a member whose account may use {@code permission} now.
     *
     * @return the member's account as it stands in the database
     */
    public UserAccount requireActive(Actor actor, Permission permission) {
        UserAccount account = member(actor)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.FORBIDDEN,
                        "Only a member's account may do this; '" + actor.username() + "' is not one"));
        // just read from the database: no stale copy to re-read (one round trip less on every member's request)
        refusal(account, permission).ifPresent(p -> {
            throw p;
        });
        return account;
    }

    /** As {@link #requireActive(Actor, Permission)}, re-reading the account so that no stale copy decides. */
    public UserAccount requireActive(UserAccount account, Permission permission) {
        UserAccount current = accounts.findByUsername(account.username())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.FORBIDDEN, "The account '" + account.username() + "' no longer exists"));
        refusal(current, permission).ifPresent(p -> {
            throw p;
        });
        return current;
    }

    /** The member acting in the current request, whatever they may do; refuses non-members and disabled accounts. */
    public UserAccount requireMember() {
        Actor actor = Actor.current();
        UserAccount account = member(actor)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.FORBIDDEN,
                        "Only a member's account may do this; '" + actor.username() + "' is not one"));
        statusRefusal(account).ifPresent(p -> {
            throw p;
        });
        return account;
    }

    /** Whether the member may use the permission now (for rendering: buttons, menus). */
    public boolean may(UserAccount account, Permission permission) {
        return refusal(account, permission).isEmpty();
    }

    /** Every permission the member may use now. */
    public Set<Permission> permissions(UserAccount account) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (may(account, p)) {
                granted.add(p);
            }
        }
        return granted;
    }

    /** Why the member may not use the permission now; empty when they may. */
    public Optional<ProblemException> refusal(UserAccount account, Permission permission) {
        Optional<ProblemException> status = statusRefusal(account);
        if (status.isPresent()) {
            return status;
        }
        if (!permission.grantedTo(account.role())
                || ((permission == Permission.SEARCH_DETECTIONS || permission == Permission.PLACE_LEGAL_HOLDS)
                        && !searchRules.allowsRole(account.role().name()))) {
            return Optional.of(new ProblemException(
                    ProblemType.FORBIDDEN,
                    "A member with the role "
                            + account.role().title().toLowerCase(java.util.Locale.ROOT) + " may not "
                            + describe(permission)));
        }
        if (permission.requiresTraining() && !training.isCurrent(account)) {
            return Optional.of(new ProblemException(TRAINING_LAPSED, trainingDetail(account)));
        }
        if (permission == Permission.QUERY_CLETS && !account.cletsAuthorised()) {
            return Optional.of(new ProblemException(
                    CLETS_NOT_AUTHORISED,
                    "The account '" + account.username() + "' is not authorised for CLETS-derived data; "
                            + "the ALPR administrator can grant it"));
        }
        return Optional.empty();
    }

    private Optional<ProblemException> statusRefusal(UserAccount account) {
        if (!account.enabled()) {
            return Optional.of(
                    new ProblemException(ACCOUNT_DISABLED, "The account '" + account.username() + "' is disabled"));
        }
        if (account.locked()) {
            return Optional.of(new ProblemException(
                    ACCOUNT_LOCKED,
                    "The account '" + account.username()
                            + "' is locked after repeated failed sign-ins; an administrator can unlock it"));
        }
        return Optional.empty();
    }

    private String trainingDetail(UserAccount account) {
        Optional<LocalDate> validThrough = training.validThrough(account);
        if (validThrough.isEmpty()) {
            return "No ALPR training is on record for '" + account.username()
                    + "'; the account cannot search or act until training is recorded";
        }
        LocalDate lapsed = validThrough.get().plusDays(1);
        return "ALPR training for '" + account.username() + "' (completed " + account.trainedOn() + ") lapsed on "
                + lapsed + "; the account cannot search or act until training is renewed";
    }

    private Optional<UserAccount> member(Actor actor) {
        if (actor == null || actor.equals(Actor.SYSTEM) || actor.username().contains(":")) {
            return Optional.empty(); // devices (device:NAME), the command line (cli:USER), the system
        }
        // A bearer token's look-up read the account at the start of this request: no second read of the same row.
        Optional<UserAccount> read =
                AccountsReadThisRequest.of(actor.username()).map(AccountsReadThisRequest.Read::account);
        return read.isPresent() ? read : accounts.findByUsername(actor.username());
    }

    private static String describe(Permission permission) {
        return switch (permission) {
            case SEARCH_DETECTIONS -> "search detections";
            case APPROVE_BROAD_SEARCHES -> "approve broad searches";
            case ACT_ON_ALERTS -> "act on alerts";
            case REVIEW_ALERTS -> "review alerts";
            case QUERY_CLETS -> "use CLETS-derived data";
            case PROPOSE_HOTLIST_ENTRIES -> "propose hot-list entries";
            case APPROVE_HOTLIST_ENTRIES -> "approve hot-list entries";
            case MANAGE_HOTLISTS -> "manage hot lists";
            case APPROVE_RELEASES -> "approve releases to other agencies";
            case PLACE_LEGAL_HOLDS -> "place legal holds";
            case APPROVE_LEGAL_HOLDS -> "approve or release legal holds";
            case MANAGE_SHARING -> "manage sharing agencies and agreements";
            case RECORD_BREACHES -> "record security breaches";
            case MANAGE_RETENTION -> "manage retention and legal holds";
            case MANAGE_DEVICES -> "manage cameras and in-car units";
            case MANAGE_USERS -> "manage accounts";
            case READ_AUDIT -> "read the audit trail";
            case CONDUCT_AUDITS -> "conduct periodic audits";
            case CORRECT_DETECTIONS -> "correct detections";
        };
    }
}
