package org.platewatch.server.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which day's records go on which date, for one retention in the department's zone. The one place this is
 * worked out: the purge, the capture window and the hit purge all ask here.
 *
 * <p>A record captured on local day D (day 1) is due at the start of local day {@code retention.purgeDate(D)}:
 * San Leandro's 365 days put a read of 1 March 2025 on 1 March 2026, its 366th day. Detections live in UTC day
 * partitions, and a partition may go only when all of it is due, so it goes on the purge date of the latest local
 * day it holds. West of UTC (Pacific time) the UTC day U runs from 16:00 or 17:00 of local day U-1 to that hour of
 * local day U: it goes on {@code purgeDate(U)}, and its first hours, captured on local day U-1, one day after they
 * were due. Never earlier, and for a retention counted in days never more than one day late.
 *
 * <p>A retention in months or years skips purge dates at a month's end (6 months: 28 February goes on 28 August,
 * 1 March on 1 September, and nothing on 29 to 31 August); the evening of 28 February, in the partition of 1 March,
 * then waits for 1 September. It still goes on the first date on which anything later is purged.
 */
public final class PurgeCalendar {

    private final Period period;
    private final ZoneId zone;

    private PurgeCalendar(Period period, ZoneId zone) {
        this.period = period;
        this.zone = zone;
    }

    /** The detections' calendar; empty when they are kept indefinitely. */
    public static Optional<PurgeCalendar> forDetections(DepartmentProfile profile) {
        return of(profile.detectionRetention(), profile.zone());
    }

    /** The hits' (alerts and their outcomes) calendar; empty when they are kept indefinitely (Hayward). */
    public static Optional<PurgeCalendar> forHits(DepartmentProfile profile) {
        return of(profile.hitRetention(), profile.zone());
    }

    /** The audit log's calendar. */
    public static PurgeCalendar forAuditLog(DepartmentProfile profile) {
        return new PurgeCalendar(profile.auditLogRetention(), profile.zone());
    }

    public static Optional<PurgeCalendar> of(Retention retention, ZoneId zone) {
        return retention.purgeAfter().map(p -> new PurgeCalendar(p, zone));
    }

    public Period period() {
        return period;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The local date on which what was captured on local day {@code captured} is due. */
    public LocalDate purgeDate(LocalDate captured) {
        return captured.plus(period);
    }

    /** The first local capture day that is not yet due on local date {@code today}. */
    public LocalDate firstKeptDay(LocalDate today) {
        LocalDate day = today.minus(period);
        while (!purgeDate(day).isAfter(today)) {
            day = day.plusDays(1);
        }
        while (purgeDate(day.minusDays(1)).isAfter(today)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** Everything recorded before this instant is due on local date {@code today}. */
    public Instant dueBefore(LocalDate today) {
        return firstKeptDay(today).atStartOfDay(zone).toInstant();
    }

    /** The latest local day that the UTC day partition of {@code utcDay} holds. */
    public LocalDate lastLocalDayOf(LocalDate utcDay) {
        return utcDay.plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .minusNanos(1)
                .withZoneSameInstant(zone)
                .toLocalDate();
    }

    /** The local date on which all of the UTC day partition of {@code utcDay} is due. */
    public LocalDate partitionDueOn(LocalDate utcDay) {
        return purgeDate(lastLocalDayOf(utcDay));
    }

    /** The first UTC day whose partition is not yet due on local date {@code today}. */
    public LocalDate firstKeptPartition(LocalDate today) {
        LocalDate firstKept = firstKeptDay(today);
        LocalDate day = firstKept;
        while (lastLocalDayOf(day).isBefore(firstKept)) {
            day = day.plusDays(1);
        }
        while (!lastLocalDayOf(day.minusDays(1)).isBefore(firstKept)) {
            day = day.minusDays(1);
        }
        return day;
    }
}
