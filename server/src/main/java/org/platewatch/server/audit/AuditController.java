package org.platewatch.server.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the access log: auditors and administrators only. The check is the authority
 * {@code PERMISSION_READ_AUDIT}, which the users feature grants from its one role-to-permission map
 * (this package cannot ask users.MemberAccess: users writes to the audit log, and the package graph
 * stays acyclic). Each read and export is itself audited, in the same transaction as the read.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;

    private final AuditTrail trail;
    private final AuditLog audit;
    private final AuditChain chain;
    private final DepartmentProfile profile;
    private final Clock clock;

    AuditController(AuditTrail trail, AuditLog audit, AuditChain chain, DepartmentProfile profile, Clock clock) {
        this.trail = trail;
        this.audit = audit;
        this.chain = chain;
        this.profile = profile;
        this.clock = clock;
    }

    @GetMapping("/events")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    @Transactional
    AuditTrail.Page events(@RequestParam(required = false) String user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        AuditTrail.Filter filter = filter(user, from, to, action);
        AuditTrail.Page result = trail.find(filter, page, size);
        audit.record(new AuditEvent("audit.read", "audit_events", filter.describe() + ", page=" + page + ", size="
                + size, null, null, result.events().size()));
        return result;
    }

    @GetMapping("/events.csv")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    @Transactional
    void export(@RequestParam(required = false) String user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String action,
            HttpServletResponse response) {
        AuditTrail.Filter filter = filter(user, from, to, action);
        response.setContentType("text/csv; charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
        // Recorded before a byte is sent: if the audit write fails, nothing is exported.
        long count = trail.count(filter);
        audit.record(new AuditEvent("audit.exported", "audit_events", filter.describe(), null, null,
                (int) Math.min(count, Integer.MAX_VALUE)));
        try {
            PrintWriter out = response.getWriter();
            out.print(Csv.row("id", "occurred_at", "username", "full_name", "action", "subject", "terms", "purpose",
                    "case_number", "result_count", "client_address", "hash"));
            // Read in the same transaction: the export shows its own audit.exported row when the filters match it.
            trail.forEach(filter, e -> out.print(Csv.row(String.valueOf(e.id()), e.occurredAt().toString(),
                    e.username(), e.fullName(), e.action(), e.subject(), e.terms(), e.purpose(), e.caseNumber(),
                    e.resultCount() == null ? null : e.resultCount().toString(), e.clientAddress(), e.hash())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chain head at the end of a day in the department's zone (default today). Any signed-in caller. */
    @GetMapping("/chain-head")
    AuditChain.ChainHead chainHead(@RequestParam(required = false) String date) {
        LocalDate day;
        try {
            day = date == null ? LocalDate.ofInstant(clock.instant(), profile.zone()) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("date", "must be a date like 2026-11-28");
        }
        return chain.headAt(day);
    }

    private AuditTrail.Filter filter(String user, String from, String to, String action) {
        Instant start = time("from", from, false);
        Instant end = time("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new AuditTrail.Filter(blankToNull(user), start, end, blankToNull(action));
    }

    /** An instant ({@code 2026-11-28T08:00:00Z}) or a date in the department's zone; a {@code to} date is inclusive. */
    private Instant time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(profile.zone()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date (2026-11-28) or an instant (2026-11-28T08:00:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
