package org.platewatch.server.policy;

import java.time.LocalDate;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which department's policy the server enforces.
 *
 * @param profile             {@code platewatch.policy.profile}: a shipped profile name, default {@code oakland}
 * @param detectionRetention  {@code platewatch.policy.detection-retention} (e.g. {@code 30d}, {@code P18M}):
 *                            optional; the department's chosen purge age where its policy sets a bound rather than
 *                            a fixed age: longer than a minimum (Emeryville, Hayward, Piedmont keep records "in
 *                            accordance with the established records retention schedule"), shorter than a maximum
 *                            (Vallejo). A value the policy does not allow stops start-up.
 * @param profileFile         {@code platewatch.policy.profile-file}: optional; a YAML file describing the whole
 *                            profile (docs/profiles/README.md), used instead of {@code profile}; a file that is
 *                            incomplete or contradictory stops start-up with one line naming the field (text, not
 *                            a {@code Path}: Spring's resource conversion refuses a relative {@code ../} path)
 * @param implementedOn       {@code platewatch.policy.implemented-on} (e.g. {@code 2025-03-01}): optional; the day
 *                            the department put the ALPR system into service, which anchors the audit schedule
 *                            (Alameda: every six months "during the first two years subsequent to implementation").
 *                            Unset, the audit feature takes the day the database was first migrated.
 */
@ConfigurationProperties(prefix = "platewatch.policy")
record PolicyProperties(
        @DefaultValue("oakland") String profile,
        Period detectionRetention,
        String profileFile,
        LocalDate implementedOn) {}
