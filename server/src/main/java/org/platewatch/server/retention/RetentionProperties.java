package org.platewatch.server.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention settings ({@code platewatch.retention.*}). What is kept and for how long is the policy profile's; these
 * only say when the purge runs.
 *
 * @param purgeCron    when the daily purge runs, a Spring cron expression in the department's zone. The default runs
 *                     at 00:15 and again every hour until 05:15: the first run does the day's work, the others find
 *                     nothing unless a run failed (a search held the table past the lock timeout), so a failure
 *                     does not make a day late
 * @param purgeAtStart whether the server purges what is due when it starts (a server that was down on a purge day
 *                     catches up, and the certificate records that it ran late)
 * @param batch        how many images one round of the clean-up after a drop removes
 * @param sealCron     when the sealing job runs (UTC): it seals each day partition past every device's upload window
 *                     that is not sealed yet ({@link DaySealing}), so that the purge need not read its ids
 */
@ConfigurationProperties(prefix = "platewatch.retention")
record RetentionProperties(
        @DefaultValue("0 15 0-5 * * *") String purgeCron,
        @DefaultValue("true") boolean purgeAtStart,
        @DefaultValue("10000") int batch,
        @DefaultValue("0 40 2 * * *") String sealCron) {}
