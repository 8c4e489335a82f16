package org.platewatch.server.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.retention.DeletionCertificate.IdsCover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's purge by agency (hub mode only, run by {@link DetectionPurge} under the hub-wide scope). Each agency's
 * reads are purged by its own profile's retention: a day partition goes whole only when every agency's reads in it
 * are due ({@link #dropDueOn}); before that, the reads of each agency whose retention has passed are deleted from the
 * partition, once per (day, agency), each in its own transaction with its certificate (naming the agency) and audit
 * record, its held reads moved out first as the drop does.
 */
class AgencyPurge {

    private static final Logger log = LoggerFactory.getLogger(AgencyPurge.class);

    private final AgencyPurgeStore store;
    private final PurgeStore purges;
    private final AuditLog audit;
    private final ImageStore images;
    private final TransactionTemplate tx;
    private final DepartmentProfile inForce;
    private final Clock clock;

    AgencyPurge(
            AgencyPurgeStore store,
            PurgeStore purges,
            AuditLog audit,
            ImageStore images,
            TransactionTemplate tx,
            DepartmentProfile inForce,
            Clock clock) {
        this.store = store;
        this.purges = purges;
        this.audit = audit;
        this.images = images;
        this.tx = tx;
        this.inForce = inForce;
        this.clock = clock;
    }

    List<AgencyRetention> agencies() {
        return store.agencies(inForce);
    }

    Set<String> purgedDays() {
        return store.purgedDays();
    }

    /** The day the partition of {@code day} goes whole: the latest agency's; empty when one keeps its reads. */
    static Optional<LocalDate> dropDueOn(List<AgencyRetention> agencies, LocalDate day) {
        LocalDate latest = null;
        for (AgencyRetention a : agencies) {
            Optional<PurgeCalendar> c = a.calendar();
            if (c.isEmpty()) {
                return Optional.empty();
            }
            LocalDate due = c.get().partitionDueOn(day);
            latest = latest == null || due.isAfter(latest) ? due : latest;
        }
        return Optional.ofNullable(latest);
    }

    /** The agency whose retention holds the partition longest, in words: what a whole day's certificate names. */
    static String longest(List<AgencyRetention> agencies, LocalDate day) {
        AgencyRetention binding = agencies.get(0);
        for (AgencyRetention a : agencies) {
            if (a.calendar()
                    .get()
                    .partitionDueOn(day)
                    .isAfter(binding.calendar().get().partitionDueOn(day))) {
                binding = a;
            }
        }
        return binding.profile().detectionRetention().describe() + " (" + binding.code() + ", the longest)";
    }

    /**
     * Deletes, from the kept partition of {@code day}, the reads of every agency that are due and not deleted yet.
     * Answers the certificates written; {@code due} is set to whether any agency's reads of the day were due.
     */
    List<DeletionCertificate> purgeDue(LocalDate day, List<AgencyRetention> agencies, Set<String> done, boolean[] due) {
        List<DeletionCertificate> certificates = new ArrayList<>();
        due[0] = false;
        for (AgencyRetention a : agencies) {
            if (!a.due(day, clock)) {
                continue;
            }
            due[0] = true;
            if (!done.contains(AgencyPurgeStore.key(day, a.agency()))) {
                purge(day, a).ifPresent(certificates::add);
            }
        }
        return certificates;
    }

    private Optional<DeletionCertificate> purge(LocalDate day, AgencyRetention a) {
        String partition = PurgeStore.partitionOf(day);
        LocalDate dueOn = a.calendar().orElseThrow().partitionDueOn(day);
        long started = System.nanoTime();
        try {
            Done done = tx.execute(status -> {
                purges.lockPurge();
                if (!purges.exists(day) || !store.markPurged(day, a.agency())) {
                    return null; // dropped meanwhile, or another run did this agency's day while this one waited
                }
                Instant now = clock.instant();
                List<UUID> held = store.moveHeld(day, a.agency(), now);
                AgencyPurgeStore.Deleted deleted = store.delete(day, a.agency());
                DeletionCertificate certificate = new DeletionCertificate(
                        partition,
                        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        dueOn,
                        now,
                        dueOn.isBefore(a.today(clock)),
                        deleted.detections(),
                        held.size(),
                        deleted.images().size(),
                        deleted.idsSha256(),
                        a.profile().detectionRetention().describe(),
                        IdsCover.REMOVED,
                        null,
                        held,
                        a.code());
                purges.insert(certificate);
                audit.record(
                        Actor.SYSTEM,
                        new AuditEvent("retention.purged", partition, certificate.auditTerms(), null, null, (int)
                                Math.min(deleted.detections(), Integer.MAX_VALUE)));
                return new Done(certificate, deleted.images());
            });
            if (done == null) {
                return Optional.empty();
            }
            deleteImages(done.images());
            log.info(
                    "Purged agency {}'s reads of {} ({} detections, {} held, in {} ms)",
                    a.agency().value(),
                    partition,
                    done.certificate().detections(),
                    done.certificate().held(),
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(done.certificate());
        } catch (DataAccessException e) {
            // The next run tries again: nothing was marked.
            log.error(
                    "Could not purge agency {}'s reads of {}, due on {}: {}",
                    a.agency().value(),
                    partition,
                    dueOn,
                    e.getMostSpecificCause().getMessage());
            return Optional.empty();
        }
    }

    private record Done(DeletionCertificate certificate, List<String> images) {}

    /**
     * The deleted reads' images that nothing refers to any more, each file before its row. A failure leaves the row
     * (no read refers to it), and the image goes with its day's partition at the latest.
     */
    private void deleteImages(List<String> going) {
        for (String sha : going) {
            try {
                images.delete(sha);
                purges.forgetImage(sha);
            } catch (IOException e) {
                log.error("Could not delete image {} from the image store: {}", sha, e.getMessage());
                return;
            }
        }
    }

    /** The day's partition went: the record of its agencies' deletions goes with it. */
    void forget(LocalDate day) {
        store.forgetPurged(day);
    }
}
