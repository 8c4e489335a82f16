package org.platewatch.server.ingest;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.platewatch.server.platform.KafkaProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store step on the accepting server when {@code platewatch.kafka.bootstrap} is set: append the batch to the
 * ingest topic, keyed by device (so one device's batches keep their order), and answer the camera only once every
 * in-sync replica has it ({@code acks=all}, idempotent producer). A broker that does not acknowledge within
 * {@code send-timeout} is a 503 problem: the camera, or the edge agent's uploader, sends the batch again, and the
 * read ids make the second copy a duplicate wherever it is stored.
 */
@Component
@ConditionalOnProperty(prefix = "platewatch.kafka", name = "bootstrap")
class ReadTopic implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadTopic.class);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaProperties properties;
    private final JsonMapper json;

    ReadTopic(KafkaProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        long timeout = properties.sendTimeout().toMillis();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    /** Appends the batch; returns once the broker has it durably, else throws a 503 (or 413) problem. */
    void append(AcceptedBatch batch) {
        byte[] value = json.writeValueAsBytes(batch);
        try {
            producer.send(new ProducerRecord<>(
                            properties.topic(), batch.deviceId().toString(), value))
                    .get(properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(batch, e.getCause());
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw refused(batch, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(batch, e);
        }
    }

    private static ProblemException refused(AcceptedBatch batch, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            return new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "reads",
                    "reads: the batch is larger than the ingest topic takes; send it in smaller batches");
        }
        log.warn(
                "Batch of {} reads of device {} not taken: the ingest topic did not acknowledge it ({})",
                batch.reads().size(),
                batch.deviceId(),
                cause.getClass().getSimpleName());
        return new ProblemException(
                ProblemType.UNAVAILABLE, "The reads could not be stored now; nothing was taken, send them again");
    }

    @Override
    public void destroy() {
        producer.close(properties.sendTimeout());
    }
}
