package org.platewatch.server.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's polled batches, stored in offset order on a worker thread while the polling thread keeps the
 * partition paused. It never touches the Kafka consumer (which is not thread-safe): it only says how far it got, and
 * the polling thread commits that offset, seeks back to the first batch not done, or resumes the partition.
 */
final class PartitionWork {

    private static final Logger log = LoggerFactory.getLogger(PartitionWork.class);

    /**
     * How far the work got.
     *
     * @param next     the offset of the first batch not done with (stored, or refused for good): what to commit,
     *                 and where to read again from when not finished
     * @param finished every polled batch is done with
     */
    record Outcome(long next, boolean finished) {}

    private final List<ConsumerRecord<String, byte[]>> batches;
    private final PartitionedConsumer.BatchStore store;
    private final FutureTask<Outcome> task;
    private volatile boolean abandoned;

    private PartitionWork(List<ConsumerRecord<String, byte[]>> batches, PartitionedConsumer.BatchStore store) {
        this.batches = List.copyOf(batches);
        this.store = store;
        this.task = new FutureTask<>(this::storeInOrder);
    }

    static PartitionWork start(
            ExecutorService workers,
            List<ConsumerRecord<String, byte[]>> batches,
            PartitionedConsumer.BatchStore store) {
        PartitionWork work = new PartitionWork(batches, store);
        workers.execute(work.task);
        return work;
    }

    /** The first polled offset: nothing at or after it is stored by this work until {@link Outcome#next} says so. */
    long first() {
        return batches.get(0).offset();
    }

    private Outcome storeInOrder() {
        long next = first();
        for (ConsumerRecord<String, byte[]> batch : batches) {
            if (abandoned) {
                return new Outcome(next, false);
            }
            if (!store.store(batch)) {
                return new Outcome(batch.offset(), false);
            }
            next = batch.offset() + 1;
        }
        return new Outcome(next, true);
    }

    /** Stops after the batch being stored (its transaction is not cut short); the rest is left to the topic. */
    void abandon() {
        abandoned = true;
    }

    boolean done() {
        return task.isDone();
    }

    /** Waits for the work (at most {@code wait}); empty if it is still storing then. */
    Optional<Outcome> outcome(Duration wait) {
        try {
            return Optional.of(task.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            // Not a store failure (those are answered false): an Error on the worker. Nothing is known stored.
            log.error(
                    "Worker of partition {} failed ({})",
                    batches.get(0).partition(),
                    e.getCause().getClass().getSimpleName(),
                    e.getCause());
            return Optional.of(new Outcome(first(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
