package org.platewatch.server.alert;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
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
import tools.jackson.databind.JsonNode;

/**
 * The alert API: the live stream, the list, one alert, and its transitions. Alerts are ALPR data: every
 * endpoint asks {@link MemberAccess} for a current, trained member beyond the role check.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    static final String SEES_ALERTS = "hasAnyRole('OFFICER','INVESTIGATOR','SUPERVISOR','ADMINISTRATOR')";

    private final AlertQueries queries;
    private final AlertLifeCycle lifeCycle;
    private final AlertStream stream;
    private final MemberAccess access;

    AlertController(AlertQueries queries, AlertLifeCycle lifeCycle, AlertStream stream, MemberAccess access) {
        this.queries = queries;
        this.lifeCycle = lifeCycle;
        this.stream = stream;
        this.access = access;
    }

    @Operation(summary = "Live alerts as server-sent events: 'alert' for a new one, 'alert-updated' after a transition")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(SEES_ALERTS)
    SseEmitter stream(jakarta.servlet.http.HttpServletRequest request) {
        UserAccount member = mayActOnAlerts();
        queries.recordStreamOpened(member);
        return stream.open(member.actor(), request.getSession(false));
    }

    @Operation(summary = "Alerts, newest first; optional state filter; X-Total-Count header")
    @GetMapping
    @PreAuthorize(SEES_ALERTS)
    ResponseEntity<List<Alert>> page(
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page) {
        AlertQueries.Listing listing = queries.list(mayActOnAlerts(), state, page);
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(listing.total()))
                .body(listing.alerts());
    }

    @Operation(summary = "Misreads and not-confirmed results per camera")
    @GetMapping("/quality")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMINISTRATOR')")
    List<AlertStore.CameraQuality> quality() {
        access.requireActive(Permission.REVIEW_ALERTS);
        return queries.perCamera();
    }

    @Operation(summary = "One alert")
    @GetMapping("/{id}")
    @PreAuthorize(SEES_ALERTS)
    Alert one(@PathVariable long id) {
        return queries.view(mayActOnAlerts(), id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No alert " + id));
    }

    /**
     * The body names the target state in {@code to} and carries what that step needs ({@link TransitionBody}).
     * The stream hears of the change from {@link AlertUpdated}.
     */
    @Operation(summary = "Move an alert through its life cycle; 409 problem+json when the state does not allow it")
    @PostMapping(path = "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(SEES_ALERTS)
    Alert transition(@PathVariable long id, @RequestBody JsonNode body) {
        return lifeCycle.transition(id, body);
    }

    /** Alerts are ALPR data: the role alone is not enough, current training is required. */
    private UserAccount mayActOnAlerts() {
        return access.requireActive(Permission.ACT_ON_ALERTS);
    }
}
