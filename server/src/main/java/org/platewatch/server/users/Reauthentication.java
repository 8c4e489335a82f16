package org.platewatch.server.users;

import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one check before a write that manages the department's people and equipment: accounts, roles,
 * training, CLETS, second factors, devices, hot-list sources and the content of hot lists. The member must
 * be at a signed-in console session (not a personal API token, which may live a year) and give, in the same
 * request, their current password and a fresh authenticator code: the fields {@code currentPassword} and
 * {@code code} of the JSON body, of the form, or of the multipart upload. The API and the console forms
 * both come here.
 *
 * <p>A token is refused with {@code reauthentication-required} (403) before anything is checked; a wrong
 * password or code with {@code holder-confirmation-failed} (403), audited and counted towards the lock-out
 * like a failed sign-in. Each code is accepted once (as at sign-in). Call it inside the action's
 * transaction where there is one, so that a refused action gives the code back.
 */
@Component
public class Reauthentication {

    /** A personal API token (or no session at all) tried a write that needs the member at the console. */
    public static final ProblemType REAUTHENTICATION_REQUIRED = new ProblemType(
            "reauthentication-required",
            "Sign in to the console and confirm with your password and authenticator code",
            HttpStatus.FORBIDDEN);

    private final MemberAccess access;
    private final HolderConfirmation confirmation;

    Reauthentication(MemberAccess access, HolderConfirmation confirmation) {
        this.access = access;
        this.confirmation = confirmation;
    }

    /**
     * The member at a signed-in console session who may use {@code permission} now and who typed their password
     * again: for a console form whose action must not ride on an open session alone (approving a data release). The
     * session was signed in with the second factor, and a second code within the same 30-second step would be
     * refused as replayed, so the form asks the password only. A wrong password counts towards the lock-out and is
     * refused as a bad {@code currentPassword} (400); a token is refused as for {@link #confirm}.
     */
    public UserAccount confirmPassword(Permission permission, String currentPassword) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInMember)) {
            throw new ProblemException(
                    REAUTHENTICATION_REQUIRED,
                    "currentPassword",
                    "Sign in to the console and type your password again to make this change");
        }
        UserAccount member = access.requireActive(permission);
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw ProblemException.invalid("currentPassword", "is required: type your password again to confirm");
        }
        confirmation.confirmPassword(member, currentPassword);
        return member;
    }

    /**
     * The member at a console session who may use {@code permission} now and who confirmed with their
     * password and a fresh code; refuses otherwise.
     */
    public UserAccount confirm(Permission permission, String currentPassword, String code) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInMember)) {
            throw new ProblemException(
                    REAUTHENTICATION_REQUIRED,
                    "currentPassword",
                    "A personal API token may read "
                            + "but not make this change: sign in to the console and send currentPassword and code with it");
        }
        UserAccount member = access.requireActive(permission);
        confirmation.confirm(member, currentPassword, code);
        return member;
    }
}
