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
import org.platewatch.server.audit.AuditLogRetention;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.reads.DetectionPartitions;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.retention.DeletionCertificate.IdsCover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One purge run: every day partition that is all due today goes, oldest first, each in its own transaction with
 * its certificate and audit record (the day's receipts and plate_days partitions go in the same drop); then the images
 * of the dropped days, then the audit log's records
 * past its retention. A partition due on an earlier date than today is purged late, and its certificate says so.
 * Built by {@link RetentionConfiguration}; a test builds one with another department's profile.
 */
class DetectionPurge {

    private static final Logger log = LoggerFactory.getLogger(DetectionPurge.class);

    private final PurgeStore store;
    private final AuditLog audit;
    private final AuditLogRetention auditRetention;
    private final DetectionPartitions partitions;
    private final ImageStore images;
    private final TransactionTemplate tx;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final int batch;
    /** Hub mode: each agency's retention; null in a single department, whose purge is as it always was. */
    private final AgencyPurge agencies;

    DetectionPurge(
            PurgeStore store,
            AuditLog audit,
            AuditLogRetention auditRetention,
            DetectionPartitions partitions,
            ImageStore images,
            TransactionTemplate tx,
            DepartmentProfile profile,
            Clock clock,
            int batch,
            AgencyPurge agencies) {
        this.agencies = agencies;
        this.store = store;
        this.audit = audit;
        this.auditRetention = auditRetention;
        this.partitions = partitions;
        this.images = images;
        this.tx = tx;
        this.profile = profile;
        this.clock = clock;
        this.batch = batch;
    }

    /** What one run did. The receipts of a day go with its partition (V65, V67), in the drop. */
    record PurgeRun(LocalDate today, List<DeletionCertificate> certificates, long images, long auditRecords) {}

    /** In hub mode the purge is the whole hub's: it moves every agency's held reads out before a day goes. */
    PurgeRun run() {
        return AgencyScope.hubWide(this::runForAll);
    }

    private PurgeRun runForAll() {
        LocalDate today = LocalDate.now(clock.withZone(profile.zone()));
        if (agencies != null) {
            return runByAgency(today);
        }
        List<DeletionCertificate> certificates = new ArrayList<>();
        long deletedImages = 0;
        Optional<PurgeCalendar> calendar = PurgeCalendar.forDetections(profile);
        if (calendar.isPresent()) {
            for (LocalDate day : store.partitionDays()) {
                LocalDate dueOn = calendar.get().partitionDueOn(day);
                if (dueOn.isAfter(today)) {
                    break; // the partitions are in day order, and so are their due dates
                }
                purge(day, dueOn, today, profile.detectionRetention().describe())
                        .ifPresent(certificates::add);
            }
            LocalDate notDue = calendar.get().firstKeptPartition(today);
            List<LocalDate> stillThere = store.partitionDays().stream()
                    .filter(d -> d.isBefore(notDue))
                    .toList();
            clearPurgedPlateDays();
            // An image may be shared by reads of several days: while an older partition failed to drop, its images
            // wait with it.
            deletedImages = deleteImagesBefore(stillThere.isEmpty() ? notDue : stillThere.get(0));
        }
        long auditRecords = purgeAuditLog(today);
        return new PurgeRun(today, certificates, deletedImages, auditRecords);
    }

    /**
     * The hub's run: oldest day first, the partition goes whole once every agency's reads in it are due; before,
     * the due agencies' reads are deleted from it ({@link AgencyPurge}). The days are in order, and so are each
     * agency's due dates: the first day on which no agency is due ends the walk.
     */
    private PurgeRun runByAgency(LocalDate today) {
        List<AgencyRetention> hub = agencies.agencies();
        Set<String> done = agencies.purgedDays();
        List<DeletionCertificate> certificates = new ArrayList<>();
        boolean[] anyDue = {false};
        for (LocalDate day : store.partitionDays()) {
            Optional<LocalDate> dropOn = AgencyPurge.dropDueOn(hub, day);
            if (dropOn.isPresent() && !dropOn.get().isAfter(today)) {
                purge(day, dropOn.get(), today, AgencyPurge.longest(hub, day)).ifPresent(certificates::add);
                continue;
            }
            certificates.addAll(agencies.purgeDue(day, hub, done, anyDue));
            if (!anyDue[0]) {
                break;
            }
        }
        clearPurgedPlateDays();
        // The images of the dropped days; those of an agency's deleted reads went with them (AgencyPurge).
        List<LocalDate> left = store.partitionDays();
        long deletedImages = deleteImagesBefore(left.isEmpty() ? today.plusDays(1) : left.get(0));
        return new PurgeRun(today, certificates, deletedImages, purgeAuditLog(today));
    }

    private Optional<DeletionCertificate> purge(LocalDate day, LocalDate dueOn, LocalDate today, String retention) {
        String partition = PurgeStore.partitionOf(day);
        long started = System.nanoTime();
        long[] statementsDone = {0};
        try {
            Optional<DeletionCertificate> done = tx.execute(status -> {
                store.lockPurge();
                if (!store.exists(day)) {
                    return Optional.<DeletionCertificate>empty(); // another run dropped it while this one waited
                }
                Instant now = clock.instant();
                // Before the held reads leave: moving them out voids the seal.
                Optional<PurgeStore.Seal> seal = store.takeSeal(day);
                List<UUID> held = store.moveHeld(day, now);
                long goingImages = store.imagesGoingWith(day);
                long dropping = System.nanoTime();
                PurgeStore.Removed removed = store.drop(day, seal.isEmpty()).orElseThrow();
                log.debug(
                        "{}: {} and drop in {} ms",
                        partition,
                        seal.isPresent() ? "sealed" : "hash",
                        (System.nanoTime() - dropping) / 1_000_000);
                long detections = seal.map(s -> s.detections() - held.size()).orElseGet(removed::detections);
                DeletionCertificate certificate = new DeletionCertificate(
                        partition,
                        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        dueOn,
                        now,
                        dueOn.isBefore(today),
                        detections,
                        held.size(),
                        goingImages,
                        seal.map(PurgeStore.Seal::idsSha256).orElseGet(removed::idsSha256),
                        retention,
                        seal.isPresent() ? IdsCover.SEALED : IdsCover.REMOVED,
                        seal.map(PurgeStore.Seal::sealedAt).orElse(null),
                        held,
                        null);
                store.insert(certificate);
                if (agencies != null) {
                    agencies.forget(day);
                }
                audit.record(
                        Actor.SYSTEM,
                        new AuditEvent("retention.purged", partition, certificate.auditTerms(), null, null, (int)
                                Math.min(detections, Integer.MAX_VALUE)));
                statementsDone[0] = System.nanoTime();
                return Optional.of(certificate);
            });
            if (statementsDone[0] != 0) {
                // What the commit costs: the dropped files' space is given back to the file system there.
                log.debug(
                        "{}: statements in {} ms, commit in {} ms",
                        partition,
                        (statementsDone[0] - started) / 1_000_000,
                        (System.nanoTime() - statementsDone[0]) / 1_000_000);
            }
            partitions.forget(day);
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (done != null && done.isPresent()) {
                DeletionCertificate c = done.get();
                if (c.late()) {
                    log.warn(
                            "Purged {} late: it was due on {} ({} detections, {} held, in {} ms)",
                            partition,
                            dueOn,
                            c.detections(),
                            c.held(),
                            ms);
                } else {
                    log.info("Purged {} ({} detections, {} held, in {} ms)", partition, c.detections(), c.held(), ms);
                }
            }
            return done == null ? Optional.empty() : done;
        } catch (DataAccessException e) {
            // The next run (hourly until 05:15, and at every start) tries again; the day is not lost, only late.
            log.error(
                    "Could not purge {}, due on {}: {}",
                    partition,
                    dueOn,
                    e.getMostSpecificCause().getMessage());
            return Optional.empty();
        }
    }

    /**
     * The dropped days' counts in plate_days (V68): outside the drops' transactions, which stay constant in the size
     * of the day, but in the same run, so that what was read on a day goes with the day. A failure leaves the day for
     * the next run; the search leaves purged days out meanwhile.
     */
    private void clearPurgedPlateDays() {
        try {
            while (true) {
                long started = System.nanoTime();
                Optional<PurgeStore.ClearedDay> c = store.clearPurgedPlateDays();
                if (c.isEmpty()) {
                    return;
                }
                log.info(
                        "Cleared the plate_days counts of purged day {}: {} rows in {} ms",
                        c.get().day(),
                        c.get().rows(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (DataAccessException e) {
            log.error(
                    "Could not clear the counts of a purged day: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * Deletes the images of the dropped days from the store, each file before its row: a crash in between leaves a
     * row whose file is gone, which the next run deletes again, never a file nothing knows of.
     */
    private long deleteImagesBefore(LocalDate keptFrom) {
        long total = 0;
        List<String> due;
        do {
            due = store.imagesLastReferencedBefore(keptFrom, batch);
            for (String sha : due) {
                try {
                    images.delete(sha);
                    store.forgetImage(sha);
                    total++;
                } catch (IOException e) {
                    log.error("Could not delete image {} from the image store: {}", sha, e.getMessage());
                    return total;
                }
            }
        } while (due.size() == batch);
        return total;
    }

    private long purgeAuditLog(LocalDate today) {
        Instant cutoff = PurgeCalendar.forAuditLog(profile).dueBefore(today);
        try {
            Long n = tx.execute(status -> {
                long removed = auditRetention.purgeRecordedBefore(cutoff);
                if (removed > 0) {
                    audit.record(
                            Actor.SYSTEM,
                            new AuditEvent(
                                    "audit.purged",
                                    "audit_events",
                                    "recordedBefore=" + cutoff + ", auditLogRetention=" + profile.auditLogRetention(),
                                    null,
                                    null,
                                    (int) Math.min(removed, Integer.MAX_VALUE)));
                }
                return removed;
            });
            return n == null ? 0 : n;
        } catch (DataAccessException e) {
            log.error(
                    "Could not purge the audit log before {}: {}",
                    cutoff,
                    e.getMostSpecificCause().getMessage());
            return 0;
        }
    }
}
