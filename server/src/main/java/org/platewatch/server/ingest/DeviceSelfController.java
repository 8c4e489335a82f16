package org.platewatch.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A device about itself, with its own token: what the server knows of it and the department's limit on
 * holding reads (what the edge agent warns against), its shift-start checks, and what waits on the unit.
 */
@RestController
@RequestMapping("/api/v1/device")
@PreAuthorize("hasRole('DEVICE')")
class DeviceSelfController {

    private static final Logger log = LoggerFactory.getLogger(DeviceSelfController.class);
    private static final int MAX_ITEMS = 20;
    private static final int MAX_TEXT = 200;

    private final DeviceAuthentication authentication;
    private final CaptureWindow window;
    private final DeviceHealthStore store;
    private final JsonMapper json;
    private final Clock clock;

    DeviceSelfController(
            DeviceAuthentication authentication,
            CaptureWindow window,
            DeviceHealthStore store,
            JsonMapper json,
            Clock clock) {
        this.authentication = authentication;
        this.window = window;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The device as registered, and the longest it may hold a read before the server refuses it
     * ({@code maxTransferInterval}: the profile's maximum upload interval for a mobile unit, never less than a
     * fixed camera's backlog).
     */
    record DeviceView(
            UUID id,
            String name,
            DeviceKind kind,
            Double latitude,
            Double longitude,
            Double heading,
            Duration maxTransferInterval) {}

    @Operation(summary = "This device's registration and its maximum transfer interval (device token)")
    @GetMapping
    DeviceView self(Authentication caller) {
        Device d = authentication.deviceOf(caller);
        return new DeviceView(
                d.id(), d.name(), d.kind(), d.latitude(), d.longitude(), d.heading(), window.backlog(d.kind()));
    }

    /** One item of a shift-start check, as the agent printed it. */
    record CheckItem(String name, Boolean passed, String detail) {}

    record CheckReport(Instant checkedAt, Boolean passed, List<CheckItem> items) {}

    record RecordedCheck(long id, boolean passed) {}

    @Operation(summary = "Record a shift-start check (bin/platewatch edge check) for this unit (device token)")
    @PostMapping("/checks")
    @ResponseStatus(HttpStatus.CREATED)
    RecordedCheck recordCheck(Authentication caller, @RequestBody CheckReport report) {
        Device d = authentication.deviceOf(caller);
        if (report.checkedAt() == null) {
            throw ProblemException.invalid("checkedAt", "is required");
        }
        if (report.passed() == null) {
            throw ProblemException.invalid("passed", "is required");
        }
        if (report.items() == null || report.items().isEmpty() || report.items().size() > MAX_ITEMS) {
            throw ProblemException.invalid("items", "must hold 1 to " + MAX_ITEMS + " items");
        }
        for (int i = 0; i < report.items().size(); i++) {
            CheckItem item = report.items().get(i);
            if (item == null || blankOrLong(item.name()) || item.passed() == null) {
                throw ProblemException.invalid(
                        "items[" + i + "]", "needs a name (up to " + MAX_TEXT + " characters) and passed");
            }
            if (item.detail() != null && item.detail().length() > MAX_TEXT) {
                throw ProblemException.invalid("items[" + i + "].detail", "is longer than " + MAX_TEXT);
            }
        }
        boolean allPassed = report.items().stream().allMatch(CheckItem::passed);
        if (report.passed() && !allPassed) {
            throw ProblemException.invalid("passed", "is true but an item failed");
        }
        Instant now = clock.instant();
        window.check(report.checkedAt(), "checkedAt", d.kind());
        long id = store.recordCheck(
                d.id(), report.checkedAt(), now, report.passed(), json.writeValueAsString(report.items()));
        log.info("Shift-start check {} of device {}: {}", id, d.id(), report.passed() ? "passed" : "FAILED");
        return new RecordedCheck(id, report.passed());
    }

    record StatusReport(Instant agentStartedAt, Long waiting, Long refused, Instant oldestUnsentAt) {}

    @Operation(summary = "Report what waits on this unit: its backlog and when its agent started (device token)")
    @PostMapping("/status")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void status(Authentication caller, @RequestBody StatusReport report) {
        Device d = authentication.deviceOf(caller);
        if (report.agentStartedAt() == null) {
            throw ProblemException.invalid("agentStartedAt", "is required");
        }
        if (report.agentStartedAt().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw ProblemException.invalid("agentStartedAt", "is in the future (check the device clock)");
        }
        if (report.waiting() == null || report.waiting() < 0) {
            throw ProblemException.invalid("waiting", "must be a count, 0 or more");
        }
        long refused = report.refused() == null ? 0 : report.refused();
        if (refused < 0) {
            throw ProblemException.invalid("refused", "must be a count, 0 or more");
        }
        store.recordStatus(
                d.id(), report.agentStartedAt(), report.waiting(), refused, report.oldestUnsentAt(), clock.instant());
    }

    private static boolean blankOrLong(String s) {
        return s == null || s.isBlank() || s.length() > MAX_TEXT;
    }
}
