package org.platewatch.server.hub;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A standing agreement: the grantor's reads are visible to the grantee's members from {@code startsOn} to
 * {@code endsOn} (open when null), unless withdrawn. The database reads the same row (V70,
 * {@code platewatch_readable_agencies}), so what this record says is what row-level security lets through.
 */
record HubAgreement(
        long id,
        String grantor,
        String grantee,
        LocalDate startsOn,
        LocalDate endsOn,
        String recordedBy,
        Instant withdrawnAt) {}
