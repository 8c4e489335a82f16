package org.platewatch.server.users;

import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The member's account as a bearer token's look-up read it at the start of the current request (one statement,
 * {@link UserStore#tokenHolder}), kept as a request attribute for the rest of that request: the member's checks
 * ({@link MemberAccess}) and the one-time password filter then need no second and third read of the same row, which
 * cost every API call two round trips (docs/search.md, "The API's own cost"). It lives only as long as the request;
 * a console session's account, read at sign-in, is never taken from here.
 */
final class AccountsReadThisRequest {

    private static final String ATTRIBUTE = AccountsReadThisRequest.class.getName();

    /** The account, and whether its holder must still replace the one-time password. */
    record Read(UserAccount account, boolean mustChangePassword) {}

    private AccountsReadThisRequest() {}

    static void remember(Read read) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The account read this request, when it is {@code username}'s. */
    static Optional<Read> of(String username) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null
                || !(request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Read read)) {
            return Optional.empty();
        }
        return read.account().username().equals(username) ? Optional.of(read) : Optional.empty();
    }
}
