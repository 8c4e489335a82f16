package org.platewatch.server.hub;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The hub API (hub mode only): agencies, and the standing agreements between them (administrators). */
@RestController
@RequestMapping("/api/v1/hub")
@ConditionalOnWebApplication
class HubController {

    static final String MAY_MANAGE = "hasAuthority('PERMISSION_MANAGE_SHARING')";

    private final HubAgencies agencies;
    private final HubFirstAdministrators administrators;

    HubController(HubAgencies agencies, HubFirstAdministrators administrators) {
        this.agencies = agencies;
        this.administrators = administrators;
    }

    @GetMapping("/agencies")
    @PreAuthorize(MAY_MANAGE)
    List<HubAgency> agencies() {
        return agencies.agencies();
    }

    @PostMapping("/agencies")
    @PreAuthorize(MAY_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    HubAgency register(@RequestBody(required = false) HubAgencies.NewAgency form) {
        return agencies.register(form);
    }

    /** A registered agency's first administrator (home administrators, re-authenticated): its one-time password. */
    @PostMapping("/agencies/{id}/administrators")
    @PreAuthorize("hasAuthority('PERMISSION_MANAGE_USERS')")
    @ResponseStatus(HttpStatus.CREATED)
    HubFirstAdministrators.Created firstAdministrator(
            @PathVariable int id, @RequestBody(required = false) HubFirstAdministrators.NewAdministrator form) {
        return administrators.create(id, form);
    }

    @GetMapping("/agreements")
    @PreAuthorize(MAY_MANAGE)
    List<HubAgreement> agreements() {
        return agencies.agreements();
    }

    @PostMapping("/agreements")
    @PreAuthorize(MAY_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    HubAgreement share(@RequestBody(required = false) HubAgencies.NewAgreement form) {
        return agencies.share(form);
    }

    @PostMapping("/agreements/{id}/withdrawal")
    @PreAuthorize(MAY_MANAGE)
    HubAgreement withdraw(@PathVariable long id) {
        return agencies.withdraw(id);
    }
}
