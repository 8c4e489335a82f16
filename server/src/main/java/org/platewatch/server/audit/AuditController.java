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
import org.platewatch.server.platform.Csv;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the access log: auditors and administrators only. The check is the authority
 * {@code PERMISSION_READ_AUDIT}, which the users feature grants from its one role-to-permission map
 * (this package cannot ask users.MemberAccess: users writes to the audit log, and the package graph
 * stays acyclic). Each read and export is itself audited.
 *
 * <p>Recording takes the audit-chain lock until its transaction ends, which stalls every audited
 * action in the system. So the lock is never held while bytes go to a client: the listing is read and
 * recorded in one short transaction and serialised after it committed; the export commits its
 * {@code audit.exported} record in a transaction of its own before the first byte, then streams in
 * batches of short queries that hold neither the lock nor a connection while the client reads.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;
    /** Rows the export reads per query. */
    static final int EXPORT_BATCH = 1000;

    private final AuditTrail trail;
    private final AuditLog audit;
    private final AuditChain chain;
    private final DepartmentProfile profile;
    private final Clock clock;

    private final TransactionTemplate recording;

    AuditController(
            AuditTrail trail,
            AuditLog audit,
            AuditChain chain,
            DepartmentProfile profile,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.recording = new TransactionTemplate(transactions);
        this.recording.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.trail = trail;
        this.audit = audit;
        this.chain = chain;
        this.profile = profile;
        this.clock = clock;
    }

    @GetMapping("/events")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    @Transactional
    AuditTrail.Page events(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) Long upTo) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        AuditTrail.Filter filter = filter(user, from, to, action);
        if (upTo != null && upTo < 0) {
            throw ProblemException.invalid("upTo", "must be a record id, 0 or more");
        }
        AuditTrail.Page result = trail.find(filter, upTo != null ? upTo : trail.lastId(), page, size);
        audit.record(new AuditEvent(
                "audit.read",
                "audit_events",
                filter.describe() + ", page=" + page + ", size=" + size,
                null,
                null,
                result.events().size()));
        return result;
    }

    @GetMapping("/events.csv")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    void export(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String action,
            HttpServletResponse response) {
        AuditTrail.Filter filter = filter(user, from, to, action);
        response.setContentType("text/csv; charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
        // Recorded and committed before a byte is sent: if the audit write fails, nothing is exported. The
        // chain lock ends with this transaction, so a slow download cannot hold up other audited actions.
        Long upTo = recording.execute(status -> {
            long count = trail.count(filter);
            audit.record(new AuditEvent("audit.exported", "audit_events", filter.describe(), null, null, (int)
                    Math.min(count, Integer.MAX_VALUE)));
            return trail.lastId(); // our own record: the chain lock is still held
        });
        stream(filter, upTo, response);
    }

    /**
     * Writes the CSV in batches of short queries, each outside any transaction: no lock, and no pooled
     * connection held while the client reads slowly. The rows end at the audit.exported record.
     */
    private void stream(AuditTrail.Filter filter, long upTo, HttpServletResponse response) {
        try {
            PrintWriter out = response.getWriter();
            out.print(Csv.row(
                    "id",
                    "occurred_at",
                    "username",
                    "full_name",
                    "action",
                    "subject",
                    "terms",
                    "purpose",
                    "case_number",
                    "result_count",
                    "client_address",
                    "hash"));
            // The audit.exported row committed above: the export shows it when the filters match it.
            trail.forEach(
                    filter,
                    upTo,
                    EXPORT_BATCH,
                    e -> out.print(Csv.row(
                            String.valueOf(e.id()),
                            e.occurredAt().toString(),
                            e.username(),
                            e.fullName(),
                            e.action(),
                            e.subject(),
                            e.terms(),
                            e.purpose(),
                            e.caseNumber(),
                            e.resultCount() == null ? null : e.resultCount().toString(),
                            e.clientAddress(),
                            e.hash())));
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
                return (endOfDay ? d.plusDays(1) : d)
                        .atStartOfDay(profile.zone())
                        .toInstant();
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
