package org.platewatch.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.AuditCadence;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.Implementation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The periodic policy audit (Alameda 462.3(b)5, San Leandro 418.6(c), Vallejo "462.7", and the "regular basis" of
 * the others): when it is due, drawing its sample, the auditor's findings, and the report it ends in. Each step is
 * audited in its own transaction. Who may: {@code PERMISSION_CONDUCT_AUDITS}, checked by the controllers.
 */
@Service
class PeriodicAudits {

    /** An auditor's note on one search: long enough for a paragraph, not a file. */
    static final int MAX_NOTE = 2000;

    static final int LISTED = 100;
    static final int LONG_HELD_SHOWN = 5000;
    static final int CORRECTIONS_SHOWN = 5000;

    private final PeriodicAuditStore store;
    private final AuditEvidenceStore evidence;
    private final AuditReportStore reports;
    private final DataCorrections corrections;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final Implementation implementation;
    private final PeriodicAuditProperties properties;
    private final Clock clock;

    PeriodicAudits(
            PeriodicAuditStore store,
            AuditEvidenceStore evidence,
            AuditReportStore reports,
            DataCorrections corrections,
            AuditLog audit,
            DepartmentProfile profile,
            Implementation implementation,
            PeriodicAuditProperties properties,
            Clock clock) {
        this.store = store;
        this.evidence = evidence;
        this.reports = reports;
        this.corrections = corrections;
        this.audit = audit;
        this.profile = profile;
        this.implementation = implementation;
        this.properties = properties;
        this.clock = clock;
    }

    /** An auditor's finding on one sampled search. */
    record Finding(UUID searchId, Boolean compliant, String note) {}

    @Transactional(readOnly = true)
    AuditDue due() {
        AuditCadence cadence = profile.audit();
        return AuditDue.of(
                cadence,
                implementedOn(),
                store.lastCompletedAt().map(t -> LocalDate.ofInstant(t, profile.zone())),
                LocalDate.now(clock.withZone(profile.zone())),
                properties.dueNotice(),
                sampleSize(),
                store.openAudit().orElse(null));
    }

    @Transactional
    AuditView start() {
        store.lockStarting();
        store.openAudit().ifPresent(open -> {
            throw new ProblemException(
                    ProblemType.CONFLICT, "audit " + open + " is under way: complete it before starting another");
        });
        Instant now = now();
        AuditDue due = due();
        Instant periodFrom = store.lastCompletedAt()
                .orElse(implementedOn().atStartOfDay(profile.zone()).toInstant());
        Instant sampleFrom = profile.audit().sampleLookBack().isZero()
                ? periodFrom
                : now.atZone(profile.zone())
                        .minus(profile.audit().sampleLookBack())
                        .toInstant();
        List<UUID> population = evidence.searchesBetween(sampleFrom, now);
        long seed = AuditSample.newSeed();
        List<UUID> sample = AuditSample.draw(population, sampleSize(), seed);
        PeriodicAudit started = new PeriodicAudit(
                UUID.randomUUID(),
                Actor.current().fullName(),
                now,
                periodFrom,
                sampleFrom,
                now,
                population.size(),
                sample.size(),
                seed,
                due.dueOn(),
                null,
                null);
        store.insert(started, Actor.current(), sample);
        audit.record(new AuditEvent(
                "periodic-audit.started",
                "periodic-audit:" + started.id(),
                "sample " + sample.size() + " of " + population.size() + " searches from " + sampleFrom + " to " + now
                        + ", seed " + seed,
                null,
                null,
                sample.size()));
        return view(started);
    }

    @Transactional(readOnly = true)
    AuditView find(UUID id) {
        return view(store.find(id).orElseThrow(() -> notFound(id)));
    }

    @Transactional
    AuditView mark(UUID id, Finding finding) {
        PeriodicAudit a = store.lock(id).orElseThrow(() -> notFound(id));
        if (a.completed()) {
            throw new ProblemException(ProblemType.CONFLICT, "audit " + id + " is completed: its findings are filed");
        }
        if (finding == null || finding.searchId() == null) {
            throw ProblemException.invalid("searchId", "is required");
        }
        if (finding.compliant() == null) {
            throw ProblemException.invalid("compliant", "is required: true or false");
        }
        String note = finding.note() == null ? "" : finding.note().strip();
        if (note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "is longer than " + MAX_NOTE + " characters");
        }
        if (!finding.compliant() && note.isEmpty()) {
            throw ProblemException.invalid("note", "must say what was wrong with a search found not compliant");
        }
        if (!store.mark(
                id, finding.searchId(), finding.compliant(), note.isEmpty() ? null : note, Actor.current(), now())) {
            throw ProblemException.invalid("searchId", "is not in this audit's sample");
        }
        audit.record(new AuditEvent(
                "periodic-audit.finding-marked",
                "periodic-audit:" + id,
                "search " + finding.searchId() + ": " + (finding.compliant() ? "compliant" : "not compliant"),
                note.isEmpty() ? null : note,
                null,
                null));
        return view(a);
    }

    /** Files the report (HTML and PDF, with their SHA-256) and closes the audit, once every search is marked. */
    @Transactional
    AuditView complete(UUID id) {
        PeriodicAudit a = store.lock(id).orElseThrow(() -> notFound(id));
        if (a.completed()) {
            throw new ProblemException(ProblemType.CONFLICT, "audit " + id + " is already completed");
        }
        int unmarked = store.unmarked(id);
        if (unmarked > 0) {
            throw new ProblemException(
                    ProblemType.CONFLICT, unmarked + " sampled searches are not marked yet: mark each first");
        }
        Instant now = now();
        Actor actor = Actor.current();
        PeriodicAudit done = new PeriodicAudit(
                a.id(),
                a.startedBy(),
                a.startedAt(),
                a.periodFrom(),
                a.sampleFrom(),
                a.sampleTo(),
                a.population(),
                a.sampleSize(),
                a.seed(),
                a.dueOn(),
                actor.fullName(),
                now);
        AuditReport report = AuditReport.of(view(done), profile);
        String html = AuditReportHtml.render(report, profile.departmentName());
        byte[] pdf = AuditReportPdf.render(report, profile.departmentName());
        AuditReportStore.FiledReport filed = new AuditReportStore.FiledReport(
                id,
                profile.audit().reportForm(),
                html,
                sha256(html.getBytes(StandardCharsets.UTF_8)),
                pdf,
                sha256(pdf),
                now);
        reports.insert(filed);
        store.complete(id, actor, now);
        audit.record(
                actor,
                new AuditEvent(
                        "periodic-audit.completed",
                        "periodic-audit:" + id,
                        "report " + filed.form() + ", pdf sha256 " + filed.pdfSha256() + ", html sha256 "
                                + filed.htmlSha256(),
                        null,
                        null,
                        a.sampleSize()));
        return view(done);
    }

    @Transactional(readOnly = true)
    List<AuditView> list() {
        return store.list(LISTED).stream().map(this::summary).toList();
    }

    /** A filed report, read by an auditor or administrator: that reading is audited. */
    @Transactional
    AuditReportStore.FiledReport report(UUID id, String kind) {
        AuditReportStore.FiledReport filed = reports.find(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "audit " + id + " has no report yet"));
        audit.record(AuditEvent.of("periodic-audit.report-read", "periodic-audit:" + id)
                .withTerms(kind));
        return filed;
    }

    private AuditView view(PeriodicAudit a) {
        Instant asOf = a.completed() ? a.completedAt() : now();
        Instant longBefore =
                asOf.atZone(profile.zone()).minus(AuditCadence.LONG_HELD).toInstant();
        return AuditView.of(
                a,
                evidence.sampleOf(a.id()),
                evidence.heldSince(longBefore, LONG_HELD_SHOWN),
                corrections.between(a.periodFrom(), asOf.plusNanos(1000), false, CORRECTIONS_SHOWN),
                a.completed() ? reports.pdfSha256(a.id()).orElse(null) : null);
    }

    /** An audit in the listing: its record and report links, without the sample and lists. */
    private AuditView summary(PeriodicAudit a) {
        Optional<String> pdfSha256 = a.completed() ? reports.pdfSha256(a.id()) : Optional.empty();
        return AuditView.of(a, List.of(), List.of(), List.of(), pdfSha256.orElse(null));
    }

    LocalDate implementedOn() {
        return implementation
                .configuredOn()
                .orElseGet(() -> LocalDate.ofInstant(store.firstMigratedAt(), profile.zone()));
    }

    private int sampleSize() {
        int minimum = profile.audit().minimumSampleSize();
        return minimum > 0 ? minimum : properties.defaultSampleSize();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "no periodic audit has id " + id);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
