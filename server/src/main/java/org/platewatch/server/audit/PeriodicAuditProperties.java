package org.platewatch.server.audit;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periodic audit's own settings ({@code platewatch.audit.periodic.*}); the schedule, the sample rule and the
 * report's form are the profile's ({@code policy.AuditCadence}).
 *
 * @param defaultSampleSize how many searches an audit samples where the profile sets no minimum (all, when fewer
 *                          are in the window); Vallejo's "at least 10", the only figure in the texts
 * @param dueNotice         how long before its due date an audit shows as due to auditors and administrators
 */
@ConfigurationProperties(prefix = "platewatch.audit.periodic")
record PeriodicAuditProperties(
        @DefaultValue("10") int defaultSampleSize,
        @DefaultValue("P30D") Period dueNotice) {

    PeriodicAuditProperties {
        if (defaultSampleSize < 1) {
            throw new IllegalArgumentException("platewatch.audit.periodic.default-sample-size must be at least 1");
        }
        if (dueNotice.isNegative()) {
            throw new IllegalArgumentException("platewatch.audit.periodic.due-notice must not be negative");
        }
    }
}
