package org.platewatch.server.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.platewatch.server.platform.Cluster;
import org.platewatch.server.platform.KafkaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This server's member of the ingest topic's consumer group: takes the batches any server accepted, and runs steps
 * 5 to 7 of the {@link ReadPipeline} on each ({@link ReadPipeline#storeAccepted}), the batches of different
 * partitions in parallel on up to {@code consumer-threads} workers ({@link PartitionedConsumer}), each partition's
 * in offset order.
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
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How long a revoke or a stop waits for the batch being stored; well inside the group's poll interval. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final TopicBatchStore store;
    private final KafkaProperties properties;
    private final Cluster cluster;
    private volatile boolean running;
    private volatile PartitionedConsumer loop;
    private Thread thread;

    ReadTopicConsumer(ReadPipeline pipeline, KafkaProperties properties, JsonMapper json, Cluster cluster) {
        this.store = new TopicBatchStore(pipeline, json);
        this.properties = properties;
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
        ExecutorService workers = Executors.newFixedThreadPool(properties.consumerThreads(), new WorkerThreads());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig())) {
            PartitionedConsumer partitioned = new PartitionedConsumer(c, store, workers, RETRY, SETTLE);
            loop = partitioned;
            if (running) {
                partitioned.run(properties.topic());
            }
        } catch (RuntimeException e) {
            log.error("The ingest topic's consumer stopped: {}", e.getClass().getSimpleName(), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Names the workers, daemon threads like the polling one. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "ingest-topic-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
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

    /** Stops after the batches being stored (and commits them); batches not stored stay in the topic for the group's other servers. */
    @Override
    public void stop() {
        running = false;
        PartitionedConsumer l = loop;
        if (l != null) {
            l.stop();
        }
        if (thread != null) {
            try {
                thread.join(SETTLE.plusSeconds(10).toMillis());
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
