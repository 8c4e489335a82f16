package org.platewatch.server.retention;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.platewatch.server.audit.AuditRecordsAbout;
import org.platewatch.server.audit.DepartmentSignature;
import org.platewatch.server.platform.DetectionCsv;
import org.platewatch.server.reads.ImageStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes one evidence package as a ZIP: {@code detections.csv}, {@code detections.json}, {@code audit-trail.json},
 * {@code images/SHA256.jpg} for each stored image, and last {@code manifest.json}, whose hashes are taken of the
 * bytes as they are written. Nothing of it is held in memory beyond one image at a time.
 */
final class EvidencePackage {

    /** What goes in, besides the images, which come from the store. */
    record Contents(LegalHold hold, List<HeldRead> reads, List<AuditRecordsAbout.Recorded> trail) {}

    /** What came out: the manifest as written (its package hash, its counts). */
    record Written(EvidenceManifest manifest) {}

    private final ImageStore images;
    private final ObjectMapper json;
    private final ZoneId zone;

    EvidencePackage(ImageStore images, ObjectMapper json, ZoneId zone) {
        this.images = images;
        this.json = json;
        this.zone = zone;
    }

    Written write(
            Contents c,
            String exportedBy,
            String exportedAt,
            Function<String, DepartmentSignature> signer,
            OutputStream out)
            throws IOException {
        List<EvidenceManifest.File> files = new ArrayList<>();
        int imageCount = 0;
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            files.add(entry(zip, "detections.csv", csv(c.reads()).getBytes(StandardCharsets.UTF_8)));
            files.add(entry(zip, "detections.json", json.writeValueAsBytes(c.reads())));
            files.add(entry(zip, "audit-trail.json", json.writeValueAsBytes(c.trail())));
            Set<String> shas = new LinkedHashSet<>();
            c.reads().stream().map(HeldRead::imageSha256).filter(s -> s != null).forEach(shas::add);
            for (String sha : shas) {
                Optional<InputStream> image = images.open(sha);
                if (image.isEmpty()) {
                    continue; // a row without its file: the CSV still names the hash, the package holds no image
                }
                try (InputStream in = image.get()) {
                    files.add(entry(zip, imagePath(sha), in));
                }
                imageCount++;
            }
            EvidenceManifest unsealed = new EvidenceManifest(
                    EvidenceManifest.FORMAT,
                    c.hold().id(),
                    c.hold().caseNumber(),
                    c.hold().reason(),
                    c.hold().placedBy(),
                    c.hold().approvedBy(),
                    exportedBy,
                    exportedAt,
                    c.reads().size(),
                    imageCount,
                    c.trail().size(),
                    files,
                    null,
                    null);
            String packageSha = sha256(unsealed.listing().getBytes(StandardCharsets.UTF_8));
            EvidenceManifest sealed = unsealed.withSeal(packageSha, null);
            sealed = sealed.withSeal(packageSha, signer.apply(sealed.signedText()));
            zip.putNextEntry(new ZipEntry(EvidenceManifest.NAME));
            zip.write(sealed.toJson());
            zip.closeEntry();
            return new Written(sealed);
        }
    }

    static String imagePath(String sha) {
        return "images/" + sha + ".jpg";
    }

    private String csv(List<HeldRead> reads) {
        DetectionCsv csv = new DetectionCsv(zone, List.of("image", "stored"));
        for (HeldRead r : reads) {
            csv.add(
                    r.readId(),
                    r.capturedAt(),
                    r.plate(),
                    r.state(),
                    r.confidence(),
                    r.latitude(),
                    r.longitude(),
                    r.heading(),
                    r.cameraId(),
                    r.cameraName(),
                    r.vehicle(),
                    r.imageSha256() == null ? null : imagePath(r.imageSha256()),
                    r.stored());
        }
        return csv.text();
    }

    private static EvidenceManifest.File entry(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        return entry(zip, path, new java.io.ByteArrayInputStream(bytes));
    }

    private static EvidenceManifest.File entry(ZipOutputStream zip, String path, InputStream in) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest sha = digest();
        long n;
        DigestOutputStream hashed = new DigestOutputStream(new NonClosing(zip), sha);
        n = in.transferTo(hashed);
        hashed.flush();
        zip.closeEntry();
        return new EvidenceManifest.File(path, n, HexFormat.of().formatHex(sha.digest()));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The ZIP stream under an entry's digest: closing the digest must not close the ZIP. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {}
    }
}
