package org.platewatch.server.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.platewatch.server.reads.RefusedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steps 5 to 7 of the {@link ReadPipeline} for one batch from the ingest topic, on a consumer's worker thread; says
 * whether the batch is done with (stored, or refused for good and logged) or must be tried again.
 */
final class TopicBatchStore implements PartitionedConsumer.BatchStore {

    private static final Logger log = LoggerFactory.getLogger(TopicBatchStore.class);

    private final ReadPipeline pipeline;
    private final JsonMapper json;

    TopicBatchStore(ReadPipeline pipeline, JsonMapper json) {
        this.pipeline = pipeline;
        this.json = json;
    }

    @Override
    public boolean store(ConsumerRecord<String, byte[]> record) {
        AcceptedBatch batch;
        try {
            batch = json.readValue(record.value(), AcceptedBatch.class);
        } catch (JacksonException e) {
            log.error("Batch at {}-{}@{} is not a batch; passed", record.topic(), record.partition(), record.offset());
            return true;
        }
        try {
            pipeline.storeAccepted(batch);
            return true;
        } catch (RefusedBatch refused) {
            log.error(
                    "Batch of device {} at offset {} refused by the store ({}); passed",
                    batch.deviceId(),
                    record.offset(),
                    refused.getClass().getSimpleName());
            return true;
        } catch (ReadPipeline.UnknownDevice e) {
            log.error("Batch at offset {} names no registered device {}; passed", record.offset(), batch.deviceId());
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Batch of device {} at offset {} not stored ({}); tried again",
                    batch.deviceId(),
                    record.offset(),
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
