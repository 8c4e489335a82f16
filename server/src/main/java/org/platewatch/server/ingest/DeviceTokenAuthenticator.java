package org.platewatch.server.ingest;

import java.util.List;
import java.util.Optional;
import org.platewatch.server.platform.BearerTokenAuthenticator;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Cameras and patrol cars authenticate with their device token and get the DEVICE role only. */
@Component
class DeviceTokenAuthenticator implements BearerTokenAuthenticator {

    private final DeviceRegistry devices;

    DeviceTokenAuthenticator(DeviceRegistry devices) {
        this.devices = devices;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(DeviceRegistry.TOKEN_PREFIX);
    }

    @Override
    public Optional<Authentication> authenticate(String token) {
        return devices.authenticate(token)
                .map(device -> UsernamePasswordAuthenticationToken.authenticated(
                        device, null, List.of(new SimpleGrantedAuthority("ROLE_DEVICE"))));
    }
}
