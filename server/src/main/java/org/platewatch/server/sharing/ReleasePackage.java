package org.platewatch.server.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.DetectionCsv;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.ImageStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an approved release sends: the requested detections as CSV and JSON, their images, and a manifest with the
 * SHA-256 of each file, in one ZIP. Every name in the ZIP is made here from fixed words and read ids (never from
 * what a person typed), so no entry can climb out of the folder it is unpacked into. Entries are stored, not
 * compressed, with the release's time: the same release always gives the same bytes.
 */
@Component
class ReleasePackage {

    /** One file of the package and its SHA-256. */
    record PackagedFile(String name, String sha256, long bytes) {}

    /** The built package. */
    record Built(byte[] zip, String sha256, String manifest, List<PackagedFile> files, int images) {}

    /**
     * The manifest as the package holds it (and the ledger keeps).
     *
     * @param warrantNumber the warrant the request gave (sb274 requires one); left out of the JSON when there is none,
     *                      so a package released before the manifest had the field is rebuilt byte for byte
     */
    record Manifest(
            String requestId,
            String department,
            String agency,
            String agencyKind,
            String caseNumber,
            @JsonInclude(JsonInclude.Include.NON_NULL) String warrantNumber,
            String purpose,
            String approvedBy,
            String releasedAt,
            int detections,
            List<String> readIds,
            List<PackagedFile> files) {}

    /** A detection as the JSON file holds it. */
    record JsonDetection(
            String readId,
            String capturedAt,
            String plate,
            String state,
            double confidence,
            double latitude,
            double longitude,
            Double heading,
            String cameraId,
            String cameraName,
            String make,
            String model,
            String color,
            String type,
            String image) {}

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ImageStore images;
    private final ZoneId zone;
    private final String department;

    ReleasePackage(ImageStore images, DepartmentProfile profile) {
        this.images = images;
        this.zone = profile.zone();
        this.department = profile.departmentName();
    }

    /**
     * @param warrantNumber the warrant number for the manifest: the request's at approval, and at a download the one
     *                      the ledger's manifest holds ({@link #warrantSent}), so the rebuilt package is what was sent
     */
    Built build(
            ReleaseRequest request,
            String warrantNumber,
            Agency agency,
            List<ReleasedDetection> detections,
            String by,
            Instant at) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("detections.csv", csv(detections)));
        entries.add(new Entry("detections.json", JSON.writeValueAsBytes(json(detections))));
        int imageCount = 0;
        for (ReleasedDetection d : detections) {
            if (d.imageSha256() != null) {
                entries.add(new Entry(imageName(d.readId()), image(d)));
                imageCount++;
            }
        }
        List<PackagedFile> files = entries.stream()
                .map(e -> new PackagedFile(e.name(), ImageStore.sha256(e.bytes()), e.bytes().length))
                .toList();
        Manifest manifest = new Manifest(
                request.id().toString(),
                department,
                agency.name(),
                agency.kind().name(),
                request.caseNumber(),
                warrantNumber,
                request.purpose().name(),
                by,
                at.toString(),
                detections.size(),
                detections.stream().map(d -> d.readId().toString()).toList(),
                files);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        entries.add(new Entry("manifest.json", manifestBytes));
        byte[] zip = zip(entries, at);
        return new Built(
                zip, ImageStore.sha256(zip), new String(manifestBytes, StandardCharsets.UTF_8), files, imageCount);
    }

    /** The warrant number in a manifest as the ledger keeps it; null when it has none. */
    static String warrantSent(String manifest) {
        return JSON.readValue(manifest, Manifest.class).warrantNumber();
    }

    static String imageName(UUID readId) {
        return "images/" + readId + ".jpg";
    }

    private record Entry(String name, byte[] bytes) {}

    private byte[] image(ReleasedDetection d) {
        try (InputStream in = images.open(d.imageSha256())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.CONFLICT, "The image of read " + d.readId() + " is no longer stored"))) {
            byte[] bytes = in.readAllBytes();
            if (!ImageStore.sha256(bytes).equals(d.imageSha256())) {
                throw new IllegalStateException("the stored image of read " + d.readId() + " does not match its hash");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an image from the image store", e);
        }
    }

    private byte[] csv(List<ReleasedDetection> detections) {
        DetectionCsv csv = new DetectionCsv(zone, List.of("image"));
        for (ReleasedDetection d : detections) {
            csv.add(
                    d.readId(),
                    d.capturedAt(),
                    d.plate(),
                    d.state(),
                    d.confidence(),
                    d.latitude(),
                    d.longitude(),
                    d.heading(),
                    d.cameraId(),
                    d.cameraName(),
                    new VehicleDescription(d.make(), d.model(), d.color(), d.type()),
                    d.imageSha256() == null ? null : imageName(d.readId()));
        }
        return csv.bytes();
    }

    private static List<JsonDetection> json(List<ReleasedDetection> detections) {
        return detections.stream()
                .map(d -> new JsonDetection(
                        d.readId().toString(),
                        d.capturedAt().toString(),
                        d.plate(),
                        d.state(),
                        d.confidence(),
                        d.latitude(),
                        d.longitude(),
                        d.heading(),
                        d.cameraId() == null ? null : d.cameraId().toString(),
                        d.cameraName(),
                        d.make(),
                        d.model(),
                        d.color(),
                        d.type(),
                        d.imageSha256() == null ? null : imageName(d.readId())))
                .toList();
    }

    private static byte[] zip(List<Entry> entries, Instant at) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                ZipEntry entry = new ZipEntry(e.name());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.bytes().length);
                entry.setCompressedSize(e.bytes().length);
                CRC32 crc = new CRC32();
                crc.update(e.bytes());
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(when);
                zip.putNextEntry(entry);
                zip.write(e.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the release package", e);
        }
        return bytes.toByteArray();
    }
}
