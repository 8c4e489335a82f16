package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.Reauthentication;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cameras and patrol cars: the administrator registers them, at a console session with their password and a
 * fresh code in the body ({@code currentPassword}, {@code code}: {@link Reauthentication}); the people who
 * work alerts may list them, with a personal token too.
 */
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    private final DeviceRegistry devices;
    private final Reauthentication reauthentication;

    DeviceController(DeviceRegistry devices, Reauthentication reauthentication) {
        this.devices = devices;
        this.reauthentication = reauthentication;
    }

    @Operation(summary = "List cameras and mobile units with their last upload")
    @GetMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    List<Device> list() {
        return devices.all();
    }

    @Operation(summary = "Register a camera or mobile unit; the answer holds its token, shown this once")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    @Transactional // the confirmation and the registration: a refused registration gives the code back
    RegisteredDevice register(@RequestBody RegistrationRequest request) {
        UserAccount admin =
                reauthentication.confirm(Permission.MANAGE_DEVICES, request.currentPassword(), request.code());
        return devices.register(
                new DeviceRegistration(
                        request.name(), request.kind(), request.latitude(), request.longitude(), request.heading()),
                admin.actor());
    }

    /** A {@link DeviceRegistration} with the administrator's re-authentication. */
    record RegistrationRequest(
            String name,
            DeviceKind kind,
            Double latitude,
            Double longitude,
            Double heading,
            String currentPassword,
            String code) {}

    @Operation(summary = "Retire a camera or mobile unit for good: its token is refused from now on; its reads stay")
    @PostMapping("/{id}/retire")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    @Transactional // the confirmation and the retirement: a refused retirement gives the code back
    Device retire(@PathVariable UUID id, @RequestBody Reauthenticated confirmation) {
        UserAccount admin = reauthentication.confirm(
                Permission.MANAGE_DEVICES, confirmation.currentPassword(), confirmation.code());
        return devices.retire(id, admin.actor());
    }

    @Operation(summary = "Give a device a new token, the old one refused at once; the answer holds it, shown this once")
    @PostMapping("/{id}/token")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    @Transactional
    RegisteredDevice rotateToken(@PathVariable UUID id, @RequestBody Reauthenticated confirmation) {
        UserAccount admin = reauthentication.confirm(
                Permission.MANAGE_DEVICES, confirmation.currentPassword(), confirmation.code());
        return devices.rotateToken(id, admin.actor());
    }

    /** The administrator's password and a fresh second-factor code, for a write that manages devices. */
    record Reauthenticated(String currentPassword, String code) {}
}
