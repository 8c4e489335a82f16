package org.platewatch.server.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Turns a bearer token into an authenticated principal. Devices and users each have their own kind
 * of token; the feature that issues a kind of token implements this, and the security filter asks
 * each in turn. Tokens carry a prefix ({@code pwd_} for devices, {@code pwu_} for users), so only
 * the right authenticator looks a token up.
 */
public interface BearerTokenAuthenticator {

    /** True when this authenticator issued tokens of this shape. */
    boolean recognises(String token);

    /** The principal for a valid token; empty when the token is unknown, revoked or expired. */
    Optional<Authentication> authenticate(String token);
}
