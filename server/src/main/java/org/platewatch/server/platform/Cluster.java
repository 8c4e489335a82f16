package org.platewatch.server.platform;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Whether this server shares its database with others ({@code platewatch.cluster.enabled}, or a Kafka
 * bootstrap set), and the id that tells this server's notices from the others'.
 */
@Component
public class Cluster {

    private final boolean enabled;
    private final String instanceId = UUID.randomUUID().toString();

    Cluster(ClusterProperties cluster, KafkaProperties kafka) {
        this.enabled = cluster.enabled() || kafka.configured();
    }

    public boolean enabled() {
        return enabled;
    }

    /** A random id per start; it names the holder of a job's run and the sender of a notice. */
    public String instanceId() {
        return instanceId;
    }
}
