package org.platewatch.server.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Rules between fields that no single record can check: a profile whose settings contradict each other is refused
 * when its file is read ({@link ProfileYaml}), with the field that breaks the rule. The state-law rules a field
 * cannot relax on its own (a purpose for every search, no sale, no immigration enforcement, California public
 * agencies only, a year of audit log) are the records' own checks.
 */
final class ProfileChecks {

    private ProfileChecks() {}

    static void refuseContradictions(DepartmentProfile p) {
        p.detectionRetention().purgeAfter().ifPresent(kept -> {
            if (p.detectionRetention().bound() != RetentionBound.AT_LEAST) {
                for (int i = 0; i < p.externalCopies().size(); i++) {
                    refuseLongerCopy(p, i, kept);
                }
            }
            // A unit allowed to hold reads longer than they are kept would upload reads already due for purge.
            if (!shorter(p.maxUploadInterval(), kept)) {
                throw new ProfileFileException("maxUploadInterval: " + p.maxUploadInterval()
                        + " is not shorter than the detection retention ("
                        + p.detectionRetention().describe()
                        + "): a unit could hold reads past their purge date");
            }
        });
    }

    /**
     * A copy kept longer than the department may keep its own detections would make the published purge age
     * untrue.
     */
    private static void refuseLongerCopy(DepartmentProfile p, int i, Period kept) {
        ExternalCopy copy = p.externalCopies().get(i);
        boolean longer =
                copy.retention().purgeAfter().map(c -> !Periods.atMost(c, kept)).orElse(true);
        if (longer) {
            throw new ProfileFileException("externalCopies[" + i + "].retention: " + copy.holder() + " keeps the data "
                    + copy.retention().describe() + ", longer than the detection retention ("
                    + p.detectionRetention().describe() + ")");
        }
    }

    private static boolean shorter(Duration d, Period kept) {
        LocalDate from = LocalDate.of(2023, 2, 28);
        return from.atStartOfDay(ZoneOffset.UTC)
                .plus(d)
                .isBefore(from.plus(kept).atStartOfDay(ZoneOffset.UTC));
    }
}
