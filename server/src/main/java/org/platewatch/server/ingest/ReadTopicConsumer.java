package org.platewatch.server.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.platewatch.server.platform.Cluster;
import org.platewatch.server.platform.KafkaProperties;
import org.platewatch.server.reads.RefusedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * This server's member of the ingest topic's consumer group: takes the batches any server accepted, and runs steps
 * 5 to 7 of the {@link ReadPipeline} on each ({@link ReadPipeline#storeAccepted}).
 *
 * <p>Exactly once in effect: a partition's offset is committed only after the batches before it are stored and
 * their alerts raised, each in committed transactions. A crash (or a rebalance) between the database's commit and
 * the offset's gives the batch again to whichever server owns the partition next; its read ids are duplicates
 * then, and its alerts are unique per read and hot-list entry in the database, so nothing is stored or alerted
 * twice and nothing is lost. A batch the database cannot take now (it is down) is tried again from the same
 * offset; one it refuses for good (a read id another device took since it was accepted) is logged and passed.
 */
@Component
@ConditionalOnProperty(prefix = "platewatch.kafka", name = "bootstrap")
class ReadTopicConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadTopicConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ReadPipeline pipeline;
    private final KafkaProperties properties;
    private final JsonMapper json;
    private final Cluster cluster;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    ReadTopicConsumer(ReadPipeline pipeline, KafkaProperties properties, JsonMapper json, Cluster cluster) {
        this.pipeline = pipeline;
        this.properties = properties;
        this.json = json;
        this.cluster = cluster;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::consume, "ingest-topic");
        thread.setDaemon(true);
        thread.start();
    }

    private void consume() {
        createTopicIfMissing();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            c.subscribe(List.of(properties.topic()));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                if (!records.isEmpty() && !storeAll(c, records)) {
                    pause();
                }
            }
        } catch (WakeupException stopping) {
            // stop(): the offsets of every batch stored are committed already
        } catch (RuntimeException e) {
            log.error("The ingest topic's consumer stopped: {}", e.getClass().getSimpleName(), e);
        }
    }

    /** Stores the polled batches in order per partition and commits what was stored; false if one must wait. */
    private boolean storeAll(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> stored = new HashMap<>();
        boolean allStored = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!running || !store(record)) {
                    c.seek(partition, record.offset()); // from here again, on this server or the next owner
                    allStored = false;
                    break;
                }
                stored.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!stored.isEmpty()) {
            try {
                c.commitSync(stored);
            } catch (CommitFailedException e) {
                // The partitions went to another server meanwhile; it stores these batches again, as duplicates.
                log.warn("Offsets not committed after a rebalance; the new owner takes the batches as duplicates");
            }
        }
        return allStored;
    }

    /** True when the batch is done with (stored, or refused for good); false when it must be tried again. */
    private boolean store(ConsumerRecord<String, byte[]> record) {
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

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "platewatch-" + cluster.instanceId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** The topic with {@code partitions} partitions and the broker's replication, unless it exists. */
    private void createTopicIfMissing() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(
                            new NewTopic(properties.topic(), Optional.of(properties.partitions()), Optional.empty())))
                    .all()
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Ingest topic {} created with {} partitions", properties.topic(), properties.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn(
                        "Could not create the ingest topic ({}); the broker's default applies",
                        e.getCause().getClass().getSimpleName());
            }
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn(
                    "Could not create the ingest topic ({}); the broker's default applies",
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the batch being stored; batches not stored stay in the topic for the group's other servers. */
    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
