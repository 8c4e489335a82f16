package org.platewatch.server.retention;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.platewatch.server.audit.AuditAnchors;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.audit.AuditRecordsAbout;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.users.MemberAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * An approved hold's evidence package, for booking into evidence: written to an owner-only temporary file (a case
 * may hold thousands of images), in one transaction with its audit record, which carries the hold, the case number,
 * the counts and the package's SHA-256, so that the log says exactly what left. Only the hold's placer (still
 * allowed to place holds) and supervisors or administrators export it.
 */
@Service
class EvidenceExports {

    /** The package, in a temporary file the caller sends and deletes. */
    record Export(String fileName, Path file, EvidenceManifest manifest) {}

    private final LegalHolds holds;
    private final HoldStore store;
    private final AuditRecordsAbout trail;
    private final AuditAnchors signer;
    private final AuditLog audit;
    private final MemberAccess access;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EvidencePackage writer;

    EvidenceExports(
            LegalHolds holds,
            HoldStore store,
            AuditRecordsAbout trail,
            AuditAnchors signer,
            AuditLog audit,
            MemberAccess access,
            TransactionTemplate tx,
            Clock clock,
            ImageStore images,
            ObjectMapper json,
            DepartmentProfile profile) {
        this.holds = holds;
        this.store = store;
        this.trail = trail;
        this.signer = signer;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
        this.writer = new EvidencePackage(images, json, profile.zone());
    }

    Export export(long id) {
        holds.visible(id); // placer or supervisor, else refused before anything is read
        String exporter = access.requireMember().username();
        Path file = temporaryFile();
        try {
            EvidenceManifest manifest = tx.execute(status -> {
                LegalHold hold = store.findForUpdate(id).orElseThrow();
                if (hold.status() != HoldStatus.APPROVED) {
                    throw new ProblemException(
                            LegalHolds.WRONG_STATE,
                            "The hold " + id + " is " + hold.status()
                                    + ": only an approved hold's evidence is exported");
                }
                List<HeldRead> reads = store.reads(id, HoldRequestValidator.MAX_READS);
                List<String> subjects = new ArrayList<>(List.of(hold.subject()));
                if (hold.searchId() != null) {
                    subjects.add("search:" + hold.searchId());
                }
                List<AuditRecordsAbout.Recorded> records = trail.find(
                        subjects, reads.stream().map(HeldRead::readId).toList(), trail.lastId());
                String at = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
                EvidenceManifest written;
                try (OutputStream out = Files.newOutputStream(file)) {
                    written = writer.write(
                                    new EvidencePackage.Contents(hold, reads, records), exporter, at, signer::sign, out)
                            .manifest();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the evidence package of hold " + id, e);
                }
                audit.record(new AuditEvent(
                        "hold.evidence-exported",
                        hold.subject(),
                        "detections=" + written.detections() + "; images=" + written.images() + "; auditRecords="
                                + written.auditRecords() + "; files="
                                + (written.files().size() + 1)
                                + "; packageSha256=" + written.packageSha256() + "; key="
                                + written.signature().keyId(),
                        hold.reason(),
                        hold.caseNumber(),
                        written.detections()));
                return written;
            });
            return new Export("evidence-hold-" + id + ".zip", file, manifest);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary directory's own clean-up takes it; the name holds only the hold's id
        }
    }

    private static Path temporaryFile() {
        try {
            try {
                return Files.createTempFile(
                        "platewatch-evidence-",
                        ".zip",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                return Files.createTempFile("platewatch-evidence-", ".zip");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary file for an evidence package", e);
        }
    }
}
