package org.platewatch.server.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
 * @param idsSha256    SHA-256 over read ids, each as its 16 bytes, big-endian, in ascending order of those bytes (the
 *                     order of their lower-case text form): over the destroyed ids when {@code idsCover} is
 *                     {@link IdsCover#REMOVED}; over the destroyed ids together with {@code heldIds} when it is
 *                     {@link IdsCover#SEALED}
 * @param retention    the retention in force, in words
 * @param idsCover     which ids the hash is over
 * @param sealedAt     when the day was sealed ({@code SEALED}), else null
 * @param heldIds      the read ids a hold kept ({@code held} of them), ascending
 * @param agency       hub mode: the code of the agency whose reads of the day were deleted from the partition, which
 *                     stays for the other agencies' (V71); null when the partition was dropped whole, with every
 *                     agency's reads still in it (and always in a single department)
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
        String retention,
        IdsCover idsCover,
        Instant sealedAt,
        List<UUID> heldIds,
        String agency) {

    /**
     * What a certificate's hash covers. {@code REMOVED}: the purge read and hashed the ids it destroyed. {@code SEALED}:
     * the hash is the day's seal ({@code sealed_days}, V67), the digest of every id the partition held when it was
     * sealed; a write to the day after sealing would have voided the seal, so those ids are the destroyed ones plus
     * the held ones listed.
     */
    public enum IdsCover {
        REMOVED,
        SEALED
    }

    public DeletionCertificate {
        heldIds = List.copyOf(heldIds);
    }

    /** The audit record's terms: every figure of the certificate, without plate text. */
    String auditTerms() {
        return "partition=" + partition + ", captured=[" + capturedFrom + ", " + capturedTo + "), dueOn=" + dueOn
                + ", late=" + late + ", detections=" + detections + ", held=" + held + ", images=" + images
                + ", idsSha256=" + idsSha256 + ", retention=" + retention + ", idsCover=" + idsCover
                + (sealedAt == null ? "" : ", sealedAt=" + sealedAt) // the held ids are in the certificate
                + (agency == null ? "" : ", agency=" + agency);
    }
}
