package org.platewatch.server.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.TransientConflicts;
import org.platewatch.server.reads.BatchPrecheck;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.reads.RefusedBatch;
import org.platewatch.server.reads.StoredBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
 *       <br>or, with {@code platewatch.kafka.bootstrap} set, in two halves: the accepting server checks what the
 *       store would refuse ({@code reads.BatchPrecheck}), writes the photo to the image store and appends the
 *       batch to the ingest topic keyed by device ({@link ReadTopic}, answering once the broker has it, 503 when
 *       it cannot); then any server of the consumer group ({@link ReadTopicConsumer}) stores it
 *       ({@link #storeAccepted}) and goes on with steps 6 and 7, committing the topic's offset only after them;
 *   <li>publish {@link ReadsIngested} once that transaction has committed;
 *   <li>match, raise and push: the alert feature's listener ({@code alert.AlertRaiser}) matches
 *       each new read against the hot lists in force, raises an alert per match and pushes it to
 *       the consoles' live stream.
 * </ol>
 *
 * A fault in steps 1 to 5 refuses the whole upload with problem+json naming the field; nothing
 * of it is stored. A failure after step 5 never fails the upload, whose reads are stored already
 * (or durably in the topic).
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
    private final DeviceRegistry devices;
    private final BatchPrecheck precheck;
    private final ObjectProvider<ReadTopic> topic;
    private final Clock clock;

    ReadPipeline(
            DeviceAuthentication authentication,
            ReadValidator validator,
            DeviceDefaults defaults,
            DetectionStore detections,
            ApplicationEventPublisher events,
            IngestProperties limits,
            DeviceRegistry devices,
            BatchPrecheck precheck,
            ObjectProvider<ReadTopic> topic,
            Clock clock) {
        this.devices = devices;
        this.precheck = precheck;
        this.topic = topic;
        this.clock = clock;
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
        ReadTopic toTopic = topic.getIfAvailable();
        if (toTopic != null) {
            int duplicates = append(toTopic, device, reads, adapted.image(), valid);
            return new Ingested(reads.size() - duplicates, duplicates, adapted.candidates());
        }
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

    /** Step 5 on the accepting server of a cluster with a topic; how many reads the device had sent before. */
    private int append(
            ReadTopic toTopic, Device device, List<NewDetection> reads, byte[] image, List<ReportedRead> valid) {
        int duplicates;
        try {
            duplicates = precheck.check(device.id(), reads, limits.maxNewPartitions());
        } catch (RefusedBatch refused) {
            throw StoreRefusals.problem(refused, valid);
        }
        String imageSha256 = image == null ? null : detections.storeImage(image);
        toTopic.append(new AcceptedBatch(device.id(), clock.instant(), imageSha256, reads));
        return duplicates;
    }

    /**
     * Steps 5 to 7 on a server of the consumer group, for a batch another (or this) server accepted. The batch may
     * come again after a crash between this store's commit and the offset's: its reads are duplicates then, and all
     * of them are matched again, so that an alert the crash kept from being raised is raised now; the alerts'
     * unique key (read, hot-list entry) keeps those raised before from being raised or pushed twice.
     */
    void storeAccepted(AcceptedBatch batch) {
        Device device = devices.find(batch.deviceId()).orElseThrow(UnknownDevice::new);
        // The consumer's thread has no caller: the batch is stored, matched and alerted as its device's agency's.
        AgencyScope.actingFor(device.agency(), () -> storeAccepted(device, batch));
    }

    private void storeAccepted(Device device, AcceptedBatch batch) {
        TransientConflicts.retry(
                "Reads of device " + device.id(),
                () -> detections.storeAccepted(device.id(), batch.reads(), batch.imageSha256(), batch.receivedAt()));
        List<NewDetection> unique = new ArrayList<>(batch.reads().stream()
                .collect(Collectors.toMap(NewDetection::readId, r -> r, (a, b) -> a, LinkedHashMap::new))
                .values());
        publishCommitted(device, new StoredBatch(unique, 0));
    }

    /** A batch that names a device not registered here: refused for good. */
    static final class UnknownDevice extends RuntimeException {
        private static final long serialVersionUID = 1L;
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
