package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's loop against Kafka's {@link MockConsumer}: batches of different partitions are stored at once on
 * the workers, each partition's in order; an offset is committed only up to the last batch stored; a revoked
 * partition's work stops after its current batch, which is committed before the revoke returns, and nothing after it.
 */
class PartitionedConsumerTest {

    private static final String TOPIC = "platewatch.reads";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

    /** Every offset committed, by partition (the mock answers committed offsets only of partitions it holds). */
    private final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            offsets.forEach((p, o) -> commits.put(p, o.offset()));
        }
    };
    private final ExecutorService workers = Executors.newFixedThreadPool(3);
    private final Map<Integer, List<Long>> storedByPartition = new ConcurrentHashMap<>();
    private PartitionedConsumer loop;
    private CompletableFuture<Void> running;

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop();
            running.get(10, TimeUnit.SECONDS);
        }
        workers.shutdownNow();
    }

    @Test
    void batchesOfDifferentPartitionsAreStoredAtOnceEachPartitionInOrderAndCommittedWhenStored() throws Exception {
        CountDownLatch allThreeAtOnce = new CountDownLatch(3);
        start(batch -> {
            allThreeAtOnce.countDown();
            // One thread storing one batch after another would wait here for ever (up to the timeout: false).
            boolean together = await(allThreeAtOnce);
            recordStored(batch);
            return together;
        });
        assign(P0, P1, P2);
        for (long offset = 0; offset < 4; offset++) {
            for (TopicPartition p : List.of(P0, P1, P2)) {
                consumer.addRecord(batch(p, offset));
            }
        }
        waitFor(() -> committed(P0) == 4 && committed(P1) == 4 && committed(P2) == 4);
        for (int p = 0; p < 3; p++) {
            assertThat(storedByPartition.get(p))
                    .as("partition %d in offset order, each once", p)
                    .containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void aBatchTheDatabaseCannotTakeNowIsNotCommittedAndIsStoredAgainFromItsOffset() throws Exception {
        AtomicBoolean databaseDown = new AtomicBoolean(true);
        start(batch -> {
            if (batch.offset() == 2 && databaseDown.get()) {
                return false;
            }
            recordStored(batch);
            return true;
        });
        assign(P0);
        for (long offset = 0; offset < 4; offset++) {
            consumer.addRecord(batch(P0, offset));
        }
        waitFor(() -> committed(P0) == 2);
        Thread.sleep(300);
        assertThat(committed(P0)).as("not past the batch not stored").isEqualTo(2);
        assertThat(storedByPartition.get(0)).containsExactly(0L, 1L);
        // The mock forgets what it delivered; the broker would give the batches again from the offset sought.
        databaseDown.set(false);
        consumer.addRecord(batch(P0, 2));
        consumer.addRecord(batch(P0, 3));
        waitFor(() -> committed(P0) == 4);
        assertThat(storedByPartition.get(0)).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aRevokedPartitionFinishesTheBatchBeingStoredCommitsItAndNothingAfterIt() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(batch -> {
            if (batch.partition() == 0 && batch.offset() == 1) {
                storing.countDown();
                await(release);
            }
            recordStored(batch);
            return true;
        });
        assign(P0, P1);
        for (long offset = 0; offset < 4; offset++) {
            consumer.addRecord(batch(P0, offset));
        }
        consumer.addRecord(batch(P1, 0));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean revokeReturned = new AtomicBoolean();
        CountDownLatch rebalanced = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P1)); // P0 goes to another server
            revokeReturned.set(true);
            rebalanced.countDown();
        });
        Thread.sleep(300);
        assertThat(revokeReturned)
                .as("the revoke waits for the batch being stored")
                .isFalse();
        release.countDown();
        assertThat(rebalanced.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(storedByPartition.get(0))
                .as("stopped after the batch it was storing")
                .containsExactly(0L, 1L);
        assertThat(committed(P0))
                .as("what was stored, committed before the partition went")
                .isEqualTo(2);
        waitFor(() -> committed(P1) == 1);
        Thread.sleep(200);
        assertThat(storedByPartition.get(0)).containsExactly(0L, 1L);
    }

    private void start(PartitionedConsumer.BatchStore store) {
        loop = new PartitionedConsumer(consumer, store, workers, Duration.ofMillis(100), Duration.ofSeconds(10));
        running = CompletableFuture.runAsync(() -> loop.run(TOPIC));
    }

    /** The group's assignment, given inside a poll (the mock is no more thread-safe than the consumer). */
    private void assign(TopicPartition... partitions) throws Exception {
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (TopicPartition p : partitions) {
            beginning.put(p, 0L);
        }
        CountDownLatch assigned = new CountDownLatch(1);
        waitFor(() -> !consumer.subscription().isEmpty());
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(beginning);
            consumer.rebalance(List.of(partitions));
            assigned.countDown();
        });
        assertThat(assigned.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private void recordStored(ConsumerRecord<String, byte[]> batch) {
        storedByPartition
                .computeIfAbsent(batch.partition(), p -> Collections.synchronizedList(new ArrayList<>()))
                .add(batch.offset());
    }

    private long committed(TopicPartition partition) {
        return commits.getOrDefault(partition, -1L);
    }

    private static ConsumerRecord<String, byte[]> batch(TopicPartition p, long offset) {
        return new ConsumerRecord<>(p.topic(), p.partition(), offset, "device-" + p.partition(), new byte[0]);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
