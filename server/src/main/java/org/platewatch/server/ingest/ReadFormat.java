package org.platewatch.server.ingest;

import java.util.List;
import org.platewatch.recognition.PlateCandidate;

/**
 * The adapt step of the read pipeline: one device format (Platewatch JSON, OpenALPR's output, a
 * photo) turned into {@link ReportedRead}s. An adapter checks only what is particular to its format
 * (JSON types, its own required fields, its units); every field's value is checked afterwards by
 * the one {@link ReadValidator} all formats share.
 *
 * @param <T> what the device sent, as the controller received it
 */
interface ReadFormat<T> {

    Adapted adapt(T upload, Device device);

    /**
     * What a format made of an upload: the reads, the image to keep with them (a photo's own
     * bytes; null for formats that send images separately), and what recognition saw in a photo.
     */
    record Adapted(List<ReportedRead> reads, byte[] image, List<PlateCandidate> candidates) {

        static Adapted of(List<ReportedRead> reads) {
            return new Adapted(reads, null, List.of());
        }
    }
}
