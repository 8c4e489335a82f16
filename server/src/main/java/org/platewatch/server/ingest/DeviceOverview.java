package org.platewatch.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.console.ConsoleProperties;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.DetectionActivity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The cameras page's table and map: each device with its last upload, reads today and health. */
@Component
class DeviceOverview {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final int MAP_READS = 500;

    private final DeviceRegistry registry;
    private final DetectionActivity activity;
    private final ConsoleProperties properties;
    private final DepartmentProfile profile;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeviceHealthStore healthStore;
    private final IngestProperties limits;

    DeviceOverview(
            DeviceHealthStore healthStore,
            IngestProperties limits,
            DeviceRegistry registry,
            DetectionActivity activity,
            ConsoleProperties properties,
            DepartmentProfile profile,
            Clock clock,
            AuditLog audit,
            TransactionTemplate transaction) {
        this.healthStore = healthStore;
        this.limits = limits;
        this.audit = audit;
        this.transaction = transaction;
        this.registry = registry;
        this.activity = activity;
        this.properties = properties;
        this.profile = profile;
        this.clock = clock;
    }

    List<Row> rows() {
        Instant now = clock.instant();
        Instant startOfDay = LocalDate.ofInstant(now, profile.zone())
                .atStartOfDay(profile.zone())
                .toInstant();
        Map<UUID, Long> today = activity.countsSince(startOfDay);
        Map<UUID, DetectionActivity.Position> positions = activity.lastPositionsSince(now.minus(Duration.ofDays(1)));
        Map<UUID, DeviceHealthStore.UnitHealth> units = healthStore.all(limits.shiftCheckValidity(), SHIFT_CHECK_GRACE);
        List<Row> rows = new ArrayList<>();
        for (Device d : registry.all()) {
            Unit unit = unit(units.get(d.id()), now);
            Double lat = d.latitude();
            Double lon = d.longitude();
            DetectionActivity.Position moved = positions.get(d.id());
            if (d.kind() == DeviceKind.MOBILE && moved != null) {
                lat = moved.latitude();
                lon = moved.longitude();
            }
            Health health = health(d.lastUploadAt(), now);
            rows.add(new Row(
                    d.id(),
                    d.name(),
                    d.kind() == DeviceKind.FIXED ? "Fixed camera" : "Mobile unit",
                    d.kind().name(),
                    d.lastUploadAt() == null
                            ? "never"
                            : TIME.format(d.lastUploadAt().atZone(profile.zone())),
                    today.getOrDefault(d.id(), 0L),
                    health.text(),
                    health.healthy(),
                    d.active(),
                    lat,
                    lon,
                    unit.backlog(),
                    unit.oldestUnsent(),
                    unit.lastCheck(),
                    unit.checkPassed(),
                    unit.shiftFlagged()));
        }
        return rows;
    }

    /**
     * Map points: where the latest reads of the last day were taken (positions only, no plate text).
     * Where reads were taken is still ALPR data, so showing it is an audited access.
     */
    List<double[]> recentReads() {
        return transaction.execute(status -> {
            List<double[]> points =
                    activity.recentPositions(clock.instant().minus(Duration.ofDays(1)), MAP_READS).stream()
                            .map(p -> new double[] {p.latitude(), p.longitude()})
                            .toList();
            audit.record(new AuditEvent(
                    "detections.map-viewed", "cameras-map", "last 24 h, positions only", null, null, points.size()));
            return points;
        });
    }

    Health health(Instant lastUpload, Instant now) {
        if (lastUpload == null) {
            return new Health("No upload yet", false);
        }
        Duration silence = Duration.between(lastUpload, now);
        if (silence.compareTo(properties.deviceSilence()) >= 0) {
            long hours = silence.toHours();
            return new Health("No upload for " + hours + (hours == 1 ? " hour" : " hours"), false);
        }
        long minutes = Math.max(0, silence.toMinutes());
        return new Health("OK, last upload " + (minutes < 1 ? "just now" : minutes + " min ago"), true);
    }

    record Health(String text, boolean healthy) {}

    /** A passing check this long after the agent started still counts (someone started the agent first). */
    static final Duration SHIFT_CHECK_GRACE = Duration.ofMinutes(15);

    /**
     * What the unit's edge agent reported, as the table shows it.
     *
     * @param shiftFlagged the agent started (a shift began) without a passing shift-start check
     */
    record Unit(String backlog, String oldestUnsent, String lastCheck, boolean checkPassed, boolean shiftFlagged) {}

    Unit unit(DeviceHealthStore.UnitHealth h, Instant now) {
        if (h == null || (h.agentStartedAt() == null && h.lastCheckAt() == null)) {
            return new Unit("no agent report", "", "never", false, false);
        }
        String backlog = h.backlogReads() == null
                ? "no agent report"
                : h.backlogReads()
                        + (h.backlogReads() == 1 ? " read waits" : " reads wait")
                        + (h.backlogRefused() != null && h.backlogRefused() > 0
                                ? ", " + h.backlogRefused() + " refused"
                                : "");
        String oldest = h.backlogOldestAt() == null
                ? ""
                : TIME.format(h.backlogOldestAt().atZone(profile.zone()));
        String check = h.lastCheckAt() == null
                ? "never"
                : TIME.format(h.lastCheckAt().atZone(profile.zone())) + (h.lastCheckPassed() ? ": passed" : ": FAILED");
        boolean flagged = h.agentStartedAt() != null && !h.shiftChecked();
        return new Unit(backlog, oldest, check, Boolean.TRUE.equals(h.lastCheckPassed()), flagged);
    }

    /** One device as the table and the map show it; latitude/longitude null for a unit not seen today. */
    record Row(
            UUID id,
            String name,
            String kindLabel,
            String kind,
            String lastUpload,
            long readsToday,
            String health,
            boolean healthy,
            boolean active,
            Double latitude,
            Double longitude,
            String backlog,
            String oldestUnsent,
            String lastCheck,
            boolean checkPassed,
            boolean shiftFlagged) {}
}
