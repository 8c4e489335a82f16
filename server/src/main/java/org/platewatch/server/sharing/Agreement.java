package org.platewatch.server.sharing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A standing sharing agreement (an MOU with a regional centre): its date, scope and term. Withdrawn agreements stay
 * on file.
 *
 * @param endsOn the last day it is in force, or null while it runs without an end date
 */
record Agreement(
        long id,
        long agencyId,
        LocalDate mouDate,
        String scope,
        LocalDate startsOn,
        LocalDate endsOn,
        String recordedBy,
        Instant recordedAt,
        String changedBy,
        Instant changedAt,
        String withdrawnBy,
        Instant withdrawnAt) {

    boolean inForce(LocalDate today) {
        return withdrawnAt == null && !today.isBefore(startsOn) && (endsOn == null || !today.isAfter(endsOn));
    }

    /** The values an audit row compares before and after a change. */
    String terms() {
        return "agency:" + agencyId + ", mou=" + mouDate + ", starts=" + startsOn + ", ends="
                + (endsOn == null ? "none" : endsOn) + ", scope=" + scope;
    }
}
