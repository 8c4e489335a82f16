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
 */
@ConfigurationProperties(prefix = "platewatch.kafka")
public record KafkaProperties(
        String bootstrap,
        @DefaultValue("platewatch.reads") String topic,
        @DefaultValue("12") int partitions,
        @DefaultValue("platewatch-store") String consumerGroup,
        @DefaultValue("10s") Duration sendTimeout) {

    public boolean configured() {
        return bootstrap != null && !bootstrap.isBlank();
    }
}
