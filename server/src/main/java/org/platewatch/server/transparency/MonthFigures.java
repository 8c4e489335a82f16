package org.platewatch.server.transparency;

import java.util.List;

/**
 * One month's aggregate figures; no figure names a plate, a person or a place.
 *
 * @param month                "2026-03", in the department's zone
 * @param cameras              cameras and patrol-car units in service during the month
 * @param detections           plate reads captured in the month (kept or since purged: counted from what is stored
 *                             now, so a month past the retention shows only what a hold kept)
 * @param hotlistAlerts        alerts raised on a hot-list match
 * @param alertsConfirmed      of those, alerts the entering agency confirmed
 * @param searchesByPurpose    detection searches requested, by stated purpose
 * @param releasesRecorded     whether a release ledger exists; false: {@code releasesByAgencyType} is not a count
 * @param releasesByAgencyType releases to other agencies, by agency type
 * @param auditsRecorded       whether completed audits are recorded; false: {@code auditsCompleted} is not a count
 * @param auditsCompleted      access audits completed
 * @param purgesOnTime         day partitions of detections purged on their due date
 * @param purgesLate           day partitions purged after it
 */
public record MonthFigures(
        String month,
        long cameras,
        long detections,
        long hotlistAlerts,
        long alertsConfirmed,
        List<KindCount> searchesByPurpose,
        boolean releasesRecorded,
        List<KindCount> releasesByAgencyType,
        boolean auditsRecorded,
        long auditsCompleted,
        long purgesOnTime,
        long purgesLate) {}
