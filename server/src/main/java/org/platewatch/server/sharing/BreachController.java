package org.platewatch.server.sharing;

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

/** The security breach record's API, for administrators. */
@RestController
@RequestMapping("/api/v1/breaches")
@ConditionalOnWebApplication
@PreAuthorize(BreachController.MAY_RECORD)
class BreachController {

    static final String MAY_RECORD = "hasAuthority('PERMISSION_RECORD_BREACHES')";

    private final Breaches breaches;

    BreachController(Breaches breaches) {
        this.breaches = breaches;
    }

    @GetMapping
    List<SecurityBreach> all() {
        return breaches.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SecurityBreach record(@RequestBody(required = false) Breaches.NewBreach form) {
        return breaches.record(form);
    }

    @GetMapping("/{id}")
    SecurityBreach one(@PathVariable long id) {
        return breaches.one(id);
    }

    @GetMapping("/{id}/concerned")
    Breaches.Concerned concerned(@PathVariable long id) {
        return breaches.concerned(id);
    }

    @PostMapping("/{id}/steps")
    @ResponseStatus(HttpStatus.CREATED)
    SecurityBreach addStep(@PathVariable long id, @RequestBody(required = false) Breaches.NewStep form) {
        return breaches.addStep(id, form);
    }

    @PostMapping("/{id}/steps/{stepId}/done")
    SecurityBreach markDone(@PathVariable long id, @PathVariable long stepId) {
        return breaches.markDone(id, stepId);
    }

    @PostMapping("/{id}/close")
    SecurityBreach close(@PathVariable long id) {
        return breaches.close(id);
    }
}
