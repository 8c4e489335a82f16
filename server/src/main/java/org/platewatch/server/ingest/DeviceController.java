package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Cameras and patrol cars: the administrator registers them; the people who work alerts may list them. */
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    private final DeviceRegistry devices;

    DeviceController(DeviceRegistry devices) {
        this.devices = devices;
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
    RegisteredDevice register(@RequestBody DeviceRegistration registration) {
        return devices.register(registration, Actor.current());
    }

    @Operation(summary = "Retire a camera or mobile unit for good: its token is refused from now on; its reads stay")
    @PostMapping("/{id}/retire")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    Device retire(@PathVariable UUID id) {
        return devices.retire(id, Actor.current());
    }

    @Operation(summary = "Give a device a new token, the old one refused at once; the answer holds it, shown this once")
    @PostMapping("/{id}/token")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    RegisteredDevice rotateToken(@PathVariable UUID id) {
        return devices.rotateToken(id, Actor.current());
    }
}
