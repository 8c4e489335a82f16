package org.platewatch.server.retention;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What one purge of a day partition removed, written in the transaction that dropped it (and as an audit record
 * {@code retention.purged} in the same transaction).
 *
 * @param partition    the dropped partition, {@code detections_pYYYYMMDD} (a UTC day)
 * @param capturedFrom the first capture instant it held
 * @param capturedTo   the end of its range (exclusive)
 * @param dueOn        the local date in the department's zone on which all of it was due
 * @param purgedAt     when the purge ran
 * @param late         whether it ran after {@code dueOn} (the server was down, or the purge failed, that day)
 * @param detections   how many detections were destroyed
 * @param held         how many a legal hold named, moved to {@code held_detections} instead
 * @param images       how many images went with them (no detection refers to them any more)
 * @param idsSha256    SHA-256 over the destroyed read ids: each as its 16 bytes, big-endian, in ascending order of
 *                     those bytes (the order of their lower-case text form)
 * @param retention    the retention in force, in words
 */
public record DeletionCertificate(
        String partition,
        Instant capturedFrom,
        Instant capturedTo,
        LocalDate dueOn,
        Instant purgedAt,
        boolean late,
        long detections,
        long held,
        long images,
        String idsSha256,
        String retention) {

    /** The audit record's terms: every figure of the certificate, without plate text. */
    String auditTerms() {
        return "partition=" + partition + ", captured=[" + capturedFrom + ", " + capturedTo + "), dueOn=" + dueOn
                + ", late=" + late + ", detections=" + detections + ", held=" + held + ", images=" + images
                + ", idsSha256=" + idsSha256 + ", retention=" + retention;
    }
}
