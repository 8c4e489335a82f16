package org.platewatch.server.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's loop: the polling thread alone calls the Kafka consumer (poll, pause, resume, seek, commit); each
 * partition with polled batches is paused and handed to a worker ({@link PartitionWork}) that stores them in offset
 * order, so that batches of different partitions (different devices) are stored in parallel, as concurrent uploads
 * are on a single server. A partition's offset is committed only once its work says how far it stored, and never past
 * the first batch not stored.
 *
 * <p>On a rebalance the revoked partitions' work is told to stop after the batch it is storing, waited for (the
 * revoke does not complete before), and what it stored is committed; a partition that is lost (already another
 * member's) commits nothing, and its new owner stores the uncommitted batches again, as duplicates.
 */
final class PartitionedConsumer implements ConsumerRebalanceListener {

    /** Stores one batch; true when it is done with (stored, or refused for good), false to try it again later. */
    @FunctionalInterface
    interface BatchStore {
        boolean store(ConsumerRecord<String, byte[]> batch);
    }

    private static final Logger log = LoggerFactory.getLogger(PartitionedConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** While workers store, the loop comes back soon to commit and resume what they finished. */
    private static final Duration BUSY_POLL = Duration.ofMillis(5);

    private final Consumer<String, byte[]> consumer;
    private final BatchStore store;
    private final ExecutorService workers;
    private final Duration retry;
    private final Duration revokeWait;
    private final Map<TopicPartition, PartitionWork> inFlight = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> storedNotCommitted = new HashMap<>();
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private volatile boolean running = true;

    PartitionedConsumer(
            Consumer<String, byte[]> consumer,
            BatchStore store,
            ExecutorService workers,
            Duration retry,
            Duration revokeWait) {
        this.consumer = consumer;
        this.store = store;
        this.workers = workers;
        this.retry = retry;
        this.revokeWait = revokeWait;
    }

    /** Consumes until {@link #stop}; then finishes the batches being stored and commits what was stored. */
    void run(String topic) {
        consumer.subscribe(List.of(topic), this);
        try {
            while (running) {
                boolean busy = !inFlight.isEmpty() || !pausedUntil.isEmpty();
                ConsumerRecords<String, byte[]> polled = consumer.poll(busy ? BUSY_POLL : IDLE_POLL);
                for (TopicPartition partition : polled.partitions()) {
                    hand(partition, polled.records(partition));
                }
                collectFinished();
                resumeAfterRetryPause();
                commitStored();
            }
        } finally {
            settle(new ArrayList<>(inFlight.keySet()));
            commitStored();
        }
    }

    void stop() {
        running = false;
    }

    private void hand(TopicPartition partition, List<ConsumerRecord<String, byte[]>> batches) {
        if (batches.isEmpty()) {
            return;
        }
        consumer.pause(List.of(partition));
        inFlight.put(partition, PartitionWork.start(workers, batches, store));
    }

    private void collectFinished() {
        for (Iterator<Map.Entry<TopicPartition, PartitionWork>> it =
                        inFlight.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<TopicPartition, PartitionWork> entry = it.next();
            if (!entry.getValue().done()) {
                continue;
            }
            it.remove();
            TopicPartition partition = entry.getKey();
            PartitionWork work = entry.getValue();
            Optional<PartitionWork.Outcome> outcome = work.outcome(Duration.ZERO);
            if (outcome.isEmpty()) {
                continue; // interrupted: stopping; the partition's batches stay in the topic
            }
            remember(partition, work, outcome.get());
            if (outcome.get().finished()) {
                consumer.resume(List.of(partition));
            } else {
                // A batch the database cannot take now: from it again after a pause, on this server or the next owner.
                consumer.seek(partition, outcome.get().next());
                pausedUntil.put(partition, System.nanoTime() + retry.toNanos());
            }
        }
    }

    private void remember(TopicPartition partition, PartitionWork work, PartitionWork.Outcome outcome) {
        if (outcome.next() > work.first()) {
            storedNotCommitted.put(partition, new OffsetAndMetadata(outcome.next()));
        }
    }

    private void resumeAfterRetryPause() {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((partition, until) -> {
            if (now - until >= 0) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            consumer.resume(due);
        }
    }

    private void commitStored() {
        commit(new HashSet<>(storedNotCommitted.keySet()));
    }

    private void commit(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = storedNotCommitted.get(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.keySet().forEach(storedNotCommitted::remove);
        } catch (RebalanceInProgressException e) {
            // Kept: the rebalance's revoke (in the next poll) commits them before the partitions go.
            log.debug("Offsets kept for the revoke: a rebalance is in progress");
        } catch (CommitFailedException e) {
            // The partitions went to another member meanwhile; it stores these batches again, as duplicates.
            offsets.keySet().forEach(storedNotCommitted::remove);
            log.warn("Offsets not committed after a rebalance; the new owner takes the batches as duplicates");
        }
    }

    /** Waits for the partitions' work to stop after its current batch, and keeps what it stored for the commit. */
    private void settle(Collection<TopicPartition> partitions) {
        List<TopicPartition> waited = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionWork work = inFlight.get(partition);
            if (work != null) {
                work.abandon();
                waited.add(partition);
            }
        }
        long deadline = System.nanoTime() + revokeWait.toNanos();
        for (TopicPartition partition : waited) {
            PartitionWork work = inFlight.remove(partition);
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<PartitionWork.Outcome> outcome = work.outcome(left);
            if (outcome.isPresent()) {
                remember(partition, work, outcome.get());
            } else {
                // Still in a store after the wait: nothing of it is committed, the next owner stores it again.
                log.warn(
                        "Partition {} given up with a batch still being stored; it is stored again as duplicates",
                        partition.partition());
            }
        }
        partitions.forEach(pausedUntil::remove);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        settle(partitions);
        commit(new HashSet<>(partitions));
        partitions.forEach(storedNotCommitted::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Nothing: an assigned partition is read from its committed offset, unpaused.
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Already another member's: stop the work, commit nothing (the new owner stores the rest as duplicates).
        for (TopicPartition partition : partitions) {
            PartitionWork work = inFlight.remove(partition);
            if (work != null) {
                work.abandon();
            }
            storedNotCommitted.remove(partition);
            pausedUntil.remove(partition);
        }
    }
}
