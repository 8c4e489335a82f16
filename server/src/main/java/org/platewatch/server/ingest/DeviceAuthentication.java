package org.platewatch.server.ingest;

import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The authenticate step of the read pipeline. The device's token was checked by the bearer-token
 * filter ({@link DeviceTokenAuthenticator}: its SHA-256 against an active registration); this step
 * makes sure that whoever reached the pipeline is that device, and not a member's session or token.
 */
@Component
class DeviceAuthentication {

    Device deviceOf(Authentication caller) {
        if (caller != null && caller.getPrincipal() instanceof Device device && device.active()) {
            return device;
        }
        throw new ProblemException(
                ProblemType.FORBIDDEN,
                "Only a registered camera or patrol car uploads reads, with its own device token");
    }
}
