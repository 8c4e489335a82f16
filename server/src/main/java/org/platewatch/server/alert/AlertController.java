package org.platewatch.server.alert;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The alert API: the live stream, the list, one alert, and its transitions. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    static final String SEES_ALERTS = "hasAnyRole('OFFICER','INVESTIGATOR','SUPERVISOR','ADMINISTRATOR')";

    private final Alerts alerts;
    private final AlertStream stream;

    AlertController(Alerts alerts, AlertStream stream) {
        this.alerts = alerts;
        this.stream = stream;
    }

    @Operation(summary = "Live alerts as server-sent events: 'alert' for a new one, 'alert-updated' after a transition")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(SEES_ALERTS)
    SseEmitter stream(jakarta.servlet.http.HttpServletRequest request) {
        UserAccount member = alerts.requireMayActOnAlerts(); // alerts are ALPR data: current training required
        alerts.recordStreamOpened(member);
        return stream.open(member.actor(), request.getSession(false));
    }

    @Operation(summary = "Alerts, newest first; optional state filter; X-Total-Count header")
    @GetMapping
    @PreAuthorize(SEES_ALERTS)
    ResponseEntity<List<Map<String, Object>>> page(@RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page) {
        Alerts.Listing listing = alerts.list(alerts.requireMayActOnAlerts(), state, page);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(listing.total())).body(listing.alerts());
    }

    @Operation(summary = "Misreads and not-confirmed results per camera")
    @GetMapping("/quality")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMINISTRATOR')")
    List<AlertStore.CameraQuality> quality() {
        alerts.requireMayReviewAlerts();
        return alerts.perCamera();
    }

    @Operation(summary = "One alert")
    @GetMapping("/{id}")
    @PreAuthorize(SEES_ALERTS)
    Map<String, Object> one(@PathVariable long id) {
        return alerts.view(alerts.requireMayActOnAlerts(), id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No alert " + id));
    }

    @Operation(summary = "Move an alert through its life cycle; 409 problem+json when the state does not allow it")
    @PostMapping(path = "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(SEES_ALERTS)
    Map<String, Object> transition(@PathVariable long id, @RequestBody TransitionRequest request) {
        Map<String, Object> alert = alerts.transition(id, request);
        stream.publishUpdated(alert);
        return alert;
    }
}
