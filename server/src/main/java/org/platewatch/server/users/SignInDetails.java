package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * What the sign-in form sends besides user name and password: the 6-digit TOTP code, in the form
 * field {@code code}. The console's login page only has to render that field.
 */
public final class SignInDetails extends WebAuthenticationDetails {

    /** The form field that carries the TOTP code. */
    public static final String CODE_PARAMETER = "code";

    private final transient String code;
    /** Tells one sign-in from the next on the same session, for {@link IdleSessionLock}. */
    private final String signInId = java.util.UUID.randomUUID().toString();

    SignInDetails(HttpServletRequest request) {
        super(request);
        String raw = request.getParameter(CODE_PARAMETER);
        this.code = raw == null ? null : raw.replace(" ", "").trim();
    }

    String code() {
        return code;
    }

    String signInId() {
        return signInId;
    }

    /** The details source the console's form login uses (SecurityConfiguration picks it up as a bean). */
    @Component
    static final class Source implements AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> {
        @Override
        public WebAuthenticationDetails buildDetails(HttpServletRequest request) {
            return new SignInDetails(request);
        }
    }
}
