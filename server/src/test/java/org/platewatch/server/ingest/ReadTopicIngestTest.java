package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.KafkaProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.DetectionSource;
import org.platewatch.server.reads.NewDetection;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** A broker that is down: the upload is answered 503 problem+json (the camera sends again), nothing is taken. */
class ReadTopicIngestTest {

    @Test
    void aBrokerThatDoesNotAcknowledgeMakesTheUploadA503() {
        KafkaProperties nowhere = new KafkaProperties(
                "localhost:1", "platewatch.reads", 1, "platewatch-store", Duration.ofMillis(800), 1);
        ReadTopic topic = new ReadTopic(nowhere, JsonMapper.builder().build());
        try {
            AcceptedBatch batch = new AcceptedBatch(
                    UUID.randomUUID(),
                    Instant.now(),
                    null,
                    List.of(new NewDetection(
                            UUID.randomUUID(),
                            "7ABC123",
                            "CA",
                            0.9,
                            Instant.now(),
                            37.8,
                            -122.27,
                            null,
                            null,
                            DetectionSource.DEVICE)));
            long started = System.nanoTime();
            assertThatThrownBy(() -> topic.append(batch))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            p -> assertThat(p.type().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            topic.destroy();
        }
    }
}
