package org.platewatch.server.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingest topic (issue 21). Unset {@code bootstrap}: no broker, reads are stored by the server that accepts them.
 *
 * @param bootstrap      Kafka bootstrap servers, {@code host:port,...} ({@code PLATEWATCH_KAFKA_BOOTSTRAP})
 * @param topic          the topic of accepted batches, keyed by device
 * @param partitions     partitions when the server creates the topic (the most servers that consume at once)
 * @param consumerGroup  the group whose members store, match, alert and push
 * @param sendTimeout    how long an upload waits for the broker's acknowledgement before it is answered 503
 * @param consumerThreads this server's workers storing batches of its assigned partitions in parallel (one partition
 *                       at a time each, in offset order); each holds a database connection while it stores
 */
@ConfigurationProperties(prefix = "platewatch.kafka")
public record KafkaProperties(
        String bootstrap,
        @DefaultValue("platewatch.reads") String topic,
        @DefaultValue("12") int partitions,
        @DefaultValue("platewatch-store") String consumerGroup,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("4") int consumerThreads) {

    public KafkaProperties {
        if (consumerThreads < 1) {
            throw new IllegalArgumentException("platewatch.kafka.consumer-threads must be at least 1");
        }
    }

    public boolean configured() {
        return bootstrap != null && !bootstrap.isBlank();
    }
}
