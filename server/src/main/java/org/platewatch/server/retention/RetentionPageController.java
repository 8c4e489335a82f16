package org.platewatch.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The retention page: the oldest detection still stored and when it goes, the next purge, and the latest deletion
 * certificates. Rendered on the server from what {@code /api/v1/retention/**} answers; it shows no detection.
 */
@Controller
@ConditionalOnWebApplication
class RetentionPageController extends ConsoleController {

    static final int SHOWN = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PurgeStore store;
    private final PurgeSchedule schedule;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final AgencyDues dues;

    RetentionPageController(
            PurgeStore store, PurgeSchedule schedule, DepartmentProfile profile, Clock clock, AgencyDues dues) {
        this.dues = dues;
        this.store = store;
        this.schedule = schedule;
        this.profile = profile;
        this.clock = clock;
    }

    @GetMapping("/retention")
    @PreAuthorize(RetentionController.MAY_READ)
    String retention(Model model) {
        RetentionStatus status = RetentionController.status(store, schedule, profile, clock, dues);
        model.addAttribute("status", status);
        model.addAttribute("oldest", local(status.oldestDetection()));
        model.addAttribute("nextPurge", local(status.nextPurge()));
        model.addAttribute(
                "certificates",
                store.certificates(SHOWN, 0).stream()
                        .map(c -> new Row(c, local(c.purgedAt())))
                        .toList());
        return "retention/retention";
    }

    /** A certificate with its purge time in the department's zone. */
    record Row(DeletionCertificate certificate, String purgedAt) {}

    private String local(Instant t) {
        return t == null ? null : WHEN.format(t.atZone(profile.zone()));
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry retentionNav() {
            return new ConsoleNavEntry("retention", "Retention", "/retention", 75, Set.of("AUDITOR", "ADMINISTRATOR"));
        }
    }
}
