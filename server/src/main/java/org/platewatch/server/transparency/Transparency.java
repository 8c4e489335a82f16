package org.platewatch.server.transparency;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.platewatch.server.audit.AuditAnchors;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.search.SearchPurpose;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Builds the public page: the policy text from the profile, and the figures, which are computed at most once per
 * {@code platewatch.transparency.refresh} whatever the number of requests (one computation at a time; the others get
 * the last one), so that an anonymous caller cannot use the page to load the database.
 */
@Service
public class Transparency {

    private final TransparencyStore store;
    private final AuditAnchors anchors;
    private final DepartmentProfile profile;
    private final TransparencyProperties settings;
    private final Clock clock;
    private final ReleaseFigures releases;
    private final AuditFigures audits;
    private final PublishedPolicy policy;
    private TransparencyReport cached;

    Transparency(
            TransparencyStore store,
            AuditAnchors anchors,
            DepartmentProfile profile,
            TransparencyProperties settings,
            Clock clock,
            ObjectProvider<ReleaseFigures> releases,
            ObjectProvider<AuditFigures> audits) {
        this.store = store;
        this.anchors = anchors;
        this.profile = profile;
        this.settings = settings;
        this.clock = clock;
        this.releases = releases.getIfAvailable(() -> ReleaseFigures.NONE);
        this.audits = audits.getIfAvailable(() -> AuditFigures.NONE);
        this.policy = PolicyText.of(profile, settings.misuseContact());
    }

    /** The page as of at most one refresh interval ago. */
    public synchronized TransparencyReport report() {
        Instant now = clock.instant();
        if (cached == null
                || !cached.figuresAsOf().plus(settings.refresh()).isAfter(now)
                || cached.figuresAsOf().isAfter(now)) {
            cached = compute(now);
        }
        return cached;
    }

    /** The policy alone, which needs no database. */
    public PublishedPolicy policy() {
        return policy;
    }

    private TransparencyReport compute(Instant now) {
        ZoneId zone = profile.zone();
        YearMonth current = YearMonth.from(now.atZone(zone));
        YearMonth first = current.minusMonths(settings.months() - 1L);
        Instant from = start(first, zone);
        Instant to = start(current.plusMonths(1), zone);
        Map<String, Long> detections = store.detectionsByMonth(zone, from, to);
        Map<String, Long> alerts = store.alertsByMonth(zone, from, to);
        Map<String, Long> confirmed = store.confirmedAlertsByMonth(zone, from, to);
        List<TransparencyStore.MonthKind> searches = store.searchesByPurpose(zone, from, to);
        List<TransparencyStore.MonthKind> purges = store.purgesByMonth(zone, from, to);
        List<MonthFigures> months = new ArrayList<>();
        for (YearMonth m = current; !m.isBefore(first); m = m.minusMonths(1)) {
            String key = m.toString();
            Instant mFrom = start(m, zone);
            Instant mTo = start(m.plusMonths(1), zone);
            months.add(new MonthFigures(
                    key,
                    store.camerasInService(mFrom, mTo),
                    detections.getOrDefault(key, 0L),
                    alerts.getOrDefault(key, 0L),
                    confirmed.getOrDefault(key, 0L),
                    searches.stream()
                            .filter(s -> s.month().equals(key))
                            .map(s -> new KindCount(purposeLabel(s.kind()), s.count()))
                            .toList(),
                    releases.recorded(),
                    releases.releasesByAgencyType(mFrom, mTo),
                    audits.recorded(),
                    audits.auditsCompleted(mFrom, mTo),
                    count(purges, key, "onTime"),
                    count(purges, key, "late")));
        }
        List<AuditAnchors.SignedHead> heads = anchors.dailyHeads(zone, settings.chainHeadDays());
        return new TransparencyReport(
                new TransparencyReport.Department(
                        profile.departmentName(), profile.policyNumber(), profile.key(), zone.getId()),
                policy,
                months,
                heads.stream()
                        .map(h -> new TransparencyReport.ChainHead(
                                h.anchor().anchoredAt().atZone(zone).toLocalDate(),
                                h.anchor().lastId(),
                                h.anchor().records(),
                                h.anchor().hash(),
                                h.anchor().anchoredAt(),
                                h.anchor().keyId(),
                                h.anchor().signature(),
                                h.signedText(),
                                h.signatureValid()))
                        .toList(),
                heads.isEmpty() ? null : heads.get(0).publicKey(),
                now,
                settings.refresh());
    }

    private static String purposeLabel(String code) {
        return SearchPurpose.parse(code).map(SearchPurpose::label).orElse("Other");
    }

    private static long count(List<TransparencyStore.MonthKind> rows, String month, String kind) {
        return rows.stream()
                .filter(r -> r.month().equals(month) && r.kind().equals(kind))
                .mapToLong(TransparencyStore.MonthKind::count)
                .sum();
    }

    private static Instant start(YearMonth m, ZoneId zone) {
        return m.atDay(1).atStartOfDay(zone).toInstant();
    }
}
