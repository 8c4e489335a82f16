package org.platewatch.server.sharing;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sharing API: agencies and standing agreements (administrators), release requests and their decisions
 * (the administrator or designee). The services check the member again (training, account state) and audit.
 */
@RestController
@RequestMapping("/api/v1/sharing")
@ConditionalOnWebApplication
class SharingController {

    static final String MAY_MANAGE = "hasAuthority('PERMISSION_MANAGE_SHARING')";
    static final String MAY_RELEASE = "hasAuthority('PERMISSION_APPROVE_RELEASES')";

    /** A decision's note (required to refuse); an approval also carries the approver's password and a fresh code. */
    record DecisionForm(String note, String currentPassword, String code) {}

    private final Agencies agencies;
    private final Agreements agreements;
    private final ReleaseRequests requests;
    private final ReleaseDecisions decisions;
    private final ReleaseViews views;

    SharingController(
            Agencies agencies,
            Agreements agreements,
            ReleaseRequests requests,
            ReleaseDecisions decisions,
            ReleaseViews views) {
        this.agencies = agencies;
        this.agreements = agreements;
        this.requests = requests;
        this.decisions = decisions;
        this.views = views;
    }

    @GetMapping("/agencies")
    @PreAuthorize(MAY_MANAGE)
    List<Agency> agencies() {
        return agencies.all();
    }

    @PostMapping("/agencies")
    @PreAuthorize(MAY_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    Agency register(@RequestBody(required = false) Agencies.NewAgency form) {
        return agencies.register(form);
    }

    @GetMapping("/agreements")
    @PreAuthorize(MAY_MANAGE)
    List<Agreement> agreements() {
        return agreements.all();
    }

    @PostMapping("/agreements")
    @PreAuthorize(MAY_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    Agreement record(@RequestBody(required = false) Agreements.AgreementForm form) {
        return agreements.record(form);
    }

    @PutMapping("/agreements/{id}")
    @PreAuthorize(MAY_MANAGE)
    Agreement change(@PathVariable long id, @RequestBody(required = false) Agreements.AgreementForm form) {
        return agreements.change(id, form);
    }

    @DeleteMapping("/agreements/{id}")
    @PreAuthorize(MAY_MANAGE)
    Agreement withdraw(@PathVariable long id) {
        return agreements.withdraw(id);
    }

    @GetMapping("/requests")
    @PreAuthorize(MAY_RELEASE)
    List<ReleaseView> requests() {
        return views.of(requests.recent());
    }

    @GetMapping("/requests/{id}")
    @PreAuthorize(MAY_RELEASE)
    ReleaseView request(@PathVariable UUID id) {
        requests.recent(); // the member check
        return views.of(requests.existing(id));
    }

    @PostMapping("/requests")
    @PreAuthorize(MAY_RELEASE)
    @ResponseStatus(HttpStatus.CREATED)
    ReleaseView enter(@RequestBody(required = false) ReleaseRequestForm form) {
        return views.of(requests.enter(form));
    }

    @PostMapping("/requests/{id}/approve")
    @PreAuthorize(MAY_RELEASE)
    ReleaseView approve(@PathVariable UUID id, @RequestBody(required = false) DecisionForm form) {
        decisions.approve(
                id,
                form == null ? null : form.note(),
                form == null ? null : form.currentPassword(),
                form == null ? null : form.code());
        return views.of(requests.existing(id));
    }

    @PostMapping("/requests/{id}/refuse")
    @PreAuthorize(MAY_RELEASE)
    ReleaseView refuse(@PathVariable UUID id, @RequestBody(required = false) DecisionForm form) {
        decisions.refuse(id, form == null ? null : form.note());
        return views.of(requests.existing(id));
    }

    @GetMapping("/requests/{id}/release.zip")
    @PreAuthorize(MAY_RELEASE)
    ResponseEntity<byte[]> download(@PathVariable UUID id) {
        ReleaseDecisions.Download d = decisions.download(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(d.fileName())
                                .build()
                                .toString())
                .body(d.zip());
    }
}
