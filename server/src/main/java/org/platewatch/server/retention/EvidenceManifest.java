package org.platewatch.server.retention;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.platewatch.server.audit.DepartmentSignature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json} of an evidence package: what the package is, every other entry with its SHA-256, the
 * SHA-256 of the whole package, and the department's signature over that hash.
 *
 * <p>The package hash is the SHA-256 of {@link #listing()}, a plain text that names every field of the manifest
 * and every file, so that anyone can recompute it without Platewatch (docs/retention.md shows how), and so that no
 * field of the manifest can change without the hash, and then the signature, failing.
 */
record EvidenceManifest(
        String format,
        long holdId,
        String caseNumber,
        String holdReason,
        String placedBy,
        String approvedBy,
        String exportedBy,
        String exportedAt,
        int detections,
        int images,
        int auditRecords,
        List<File> files,
        String packageSha256,
        DepartmentSignature signature) {

    static final String FORMAT = "platewatch-evidence/1";
    static final String NAME = "manifest.json";

    /** One entry of the package: its path in the ZIP, its size and SHA-256. */
    record File(String path, long bytes, String sha256) {}

    /** The one writer of manifests, so that the verifier can tell a manifest rewritten by hand from one written here. */
    static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    EvidenceManifest {
        files = List.copyOf(files);
    }

    /**
     * The text the package hash is taken over: one {@code name=value} line per field, in this order, then one
     * {@code file=SHA256 BYTES PATH} line per file, in path order; values with a backslash or line break escaped.
     */
    String listing() {
        StringBuilder s = new StringBuilder(256 + files.size() * 100);
        line(s, "format", format);
        line(s, "holdId", Long.toString(holdId));
        line(s, "caseNumber", caseNumber);
        line(s, "holdReason", holdReason);
        line(s, "placedBy", placedBy);
        line(s, "approvedBy", approvedBy);
        line(s, "exportedBy", exportedBy);
        line(s, "exportedAt", exportedAt);
        line(s, "detections", Integer.toString(detections));
        line(s, "images", Integer.toString(images));
        line(s, "auditRecords", Integer.toString(auditRecords));
        files.stream()
                .sorted(Comparator.comparing(File::path))
                .forEach(f -> line(s, "file", f.sha256() + " " + f.bytes() + " " + f.path()));
        return s.toString();
    }

    /** The text the signature covers: the format and the package hash. */
    String signedText() {
        return FORMAT + " " + packageSha256;
    }

    byte[] toJson() {
        return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
    }

    EvidenceManifest withSeal(String sha256, DepartmentSignature seal) {
        return new EvidenceManifest(
                format,
                holdId,
                caseNumber,
                holdReason,
                placedBy,
                approvedBy,
                exportedBy,
                exportedAt,
                detections,
                images,
                auditRecords,
                files,
                sha256,
                seal);
    }

    private static void line(StringBuilder s, String name, String value) {
        String v = value == null
                ? ""
                : value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        s.append(name).append('=').append(v).append('\n');
    }
}
