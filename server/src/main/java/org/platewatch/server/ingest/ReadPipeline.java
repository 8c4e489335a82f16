package org.platewatch.server.ingest;

import java.util.List;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.server.platform.TransientConflicts;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.reads.RefusedBatch;
import org.platewatch.server.reads.StoredBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The path every read takes from a camera to an officer's screen, in order. Each step is a small
 * class of its own; whatever the format, a read goes through the same steps:
 *
 * <ol>
 *   <li>authenticate the device ({@link DeviceAuthentication});
 *   <li>adapt the format ({@link ReadFormat}: {@link PlatewatchJsonFormat}, {@link OpenAlprFormat},
 *       {@link PhotoFormat}, which reads the plate from the photo);
 *   <li>validate every field ({@link ReadValidator}, one for all formats; the capture window
 *       depends on the kind of device, {@link CaptureWindow});
 *   <li>fill what the device knows ({@link DeviceDefaults}: a fixed camera's position, which a
 *       reported one may not contradict, and its heading);
 *   <li>store: receipt, detection and image in one transaction ({@code reads.DetectionStore}),
 *       again from the start if PostgreSQL ended it for a deadlock; a read id of another device,
 *       or more new capture days than {@code max-new-partitions}, refuses the upload
 *       ({@link StoreRefusals});
 *   <li>publish {@link ReadsIngested} once that transaction has committed;
 *   <li>match, raise and push: the alert feature's listener ({@code alert.AlertRaiser}) matches
 *       each new read against the hot lists in force, raises an alert per match and pushes it to
 *       the consoles' live stream.
 * </ol>
 *
 * A fault in steps 1 to 5 refuses the whole upload with problem+json naming the field; nothing
 * of it is stored. A failure after step 5 never fails the upload, whose reads are stored already.
 */
@Service
class ReadPipeline {

    private static final Logger log = LoggerFactory.getLogger(ReadPipeline.class);

    private final DeviceAuthentication authentication;
    private final ReadValidator validator;
    private final DeviceDefaults defaults;
    private final DetectionStore detections;
    private final ApplicationEventPublisher events;
    private final IngestProperties limits;

    ReadPipeline(
            DeviceAuthentication authentication,
            ReadValidator validator,
            DeviceDefaults defaults,
            DetectionStore detections,
            ApplicationEventPublisher events,
            IngestProperties limits) {
        this.limits = limits;
        this.authentication = authentication;
        this.validator = validator;
        this.defaults = defaults;
        this.detections = detections;
        this.events = events;
    }

    <T> Ingested ingest(Authentication caller, ReadFormat<T> format, T upload) {
        Device device = authentication.deviceOf(caller);
        ReadFormat.Adapted adapted = format.adapt(upload, device);
        List<ReportedRead> valid = validator.validate(adapted.reads(), device.kind());
        List<NewDetection> reads = defaults.fill(valid, device);
        StoredBatch stored;
        try {
            stored = TransientConflicts.retry(
                    "Reads of device " + device.id(),
                    () -> detections.store(device.id(), reads, adapted.image(), limits.maxNewPartitions()));
        } catch (RefusedBatch refused) {
            throw StoreRefusals.problem(refused, valid);
        }
        publishCommitted(device, stored);
        log.debug(
                "Device {} uploaded {} reads: {} new, {} duplicates",
                device.id(),
                reads.size(),
                stored.accepted().size(),
                stored.duplicates());
        return new Ingested(stored.accepted().size(), stored.duplicates(), adapted.candidates());
    }

    /** After commit only: a listener that matched reads still to be rolled back would alert on nothing. */
    private void publishCommitted(Device device, StoredBatch stored) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the read pipeline runs outside any transaction; its store step commits");
        }
        if (!stored.accepted().isEmpty()) {
            events.publishEvent(new ReadsIngested(device, stored.accepted()));
        }
    }

    /** What became of an upload: new reads, duplicates, and what recognition saw in a photo. */
    record Ingested(int accepted, int duplicates, List<PlateCandidate> candidates) {}
}
