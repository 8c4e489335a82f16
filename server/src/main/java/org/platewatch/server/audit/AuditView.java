package org.platewatch.server.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A periodic audit as the auditor works on it: how its sample was drawn, the sampled searches with their findings,
 * the data held longer than six months with the hold behind each, and the data errors corrected in its period.
 *
 * @param longHeld     as of now while open; as of completion once completed (what the report says)
 * @param corrections  corrections made in {@code [periodFrom, completedAt or now)}
 * @param reportHtml   where the report is read, once completed; null before
 */
record AuditView(
        UUID id,
        String startedBy,
        Instant startedAt,
        Instant periodFrom,
        Instant sampleFrom,
        Instant sampleTo,
        int population,
        int sampleSize,
        long seed,
        LocalDate dueOn,
        String completedBy,
        Instant completedAt,
        int marked,
        int compliant,
        List<SampledSearch> sample,
        List<LongHeldRead> longHeld,
        List<DetectionCorrection> corrections,
        String reportHtml,
        String reportPdf,
        String reportPdfSha256) {

    public boolean completed() {
        return completedAt != null;
    }

    static AuditView of(
            PeriodicAudit a,
            List<SampledSearch> sample,
            List<LongHeldRead> longHeld,
            List<DetectionCorrection> corrections,
            String pdfSha256) {
        String base = "/api/v1/audits/" + a.id() + "/report";
        return new AuditView(
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
                a.completedBy(),
                a.completedAt(),
                (int) sample.stream().filter(SampledSearch::marked).count(),
                (int) sample.stream()
                        .filter(s -> Boolean.TRUE.equals(s.compliant()))
                        .count(),
                List.copyOf(sample),
                List.copyOf(longHeld),
                List.copyOf(corrections),
                a.completed() ? base + ".html" : null,
                a.completed() ? base + ".pdf" : null,
                pdfSha256);
    }
}
