package org.platewatch.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The servers' consumer group on the ingest topic, as the broker sees it: waits until the group has as many members
 * as servers consume and every partition is assigned, and says which member stores which camera's batches (a batch
 * is keyed by its device id, so a camera's batches all go to one partition and so to one server).
 */
final class IngestGroup implements AutoCloseable {

    static final String TOPIC = "platewatch.reads";
    static final String GROUP = "platewatch-store";

    private final Admin admin;
    private final int partitions;

    IngestGroup(String bootstrap, int partitions) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(config);
        this.partitions = partitions;
    }

    /** Waits until {@code members} consumers hold all the topic's partitions; returns each member's partitions. */
    List<List<Integer>> awaitMembers(int members, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                    .describedGroups()
                    .get(GROUP)
                    .get();
            List<List<Integer>> owned = new ArrayList<>();
            int assigned = 0;
            for (MemberDescription member : group.members()) {
                List<Integer> mine = new ArrayList<>();
                for (TopicPartition p : member.assignment().topicPartitions()) {
                    if (p.topic().equals(TOPIC)) {
                        mine.add(p.partition());
                    }
                }
                assigned += mine.size();
                owned.add(mine);
            }
            if (owned.size() == members
                    && assigned == partitions
                    && owned.stream().noneMatch(List::isEmpty)) {
                return owned;
            }
            last = owned.size() + " members holding " + assigned + " partitions";
            Thread.sleep(200);
        }
        throw new IllegalStateException("the consumer group did not settle on " + members + " members: " + last);
    }

    /** The partition the servers' producer puts a camera's batches in (Kafka's default partitioner for a key). */
    int partitionOf(String deviceId) {
        return Utils.toPositive(Utils.murmur2(deviceId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The cameras in an order that gives each member the same number of batches when batch {@code b} comes from
     * camera {@code b % size}: one camera of each member in turn, as many per member as the member with fewest has.
     * Empty if a member stores none of the cameras' partitions.
     */
    List<IngestRound.Camera> balanced(List<IngestRound.Camera> cameras, List<List<Integer>> owned) {
        Map<Integer, List<IngestRound.Camera>> byMember = new HashMap<>();
        for (IngestRound.Camera camera : cameras) {
            int partition = partitionOf(camera.id().toString());
            for (int m = 0; m < owned.size(); m++) {
                if (owned.get(m).contains(partition)) {
                    byMember.computeIfAbsent(m, k -> new ArrayList<>()).add(camera);
                }
            }
        }
        if (byMember.size() < owned.size()) {
            return List.of();
        }
        int each = byMember.values().stream().mapToInt(List::size).min().orElse(0);
        List<IngestRound.Camera> order = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (int m = 0; m < owned.size(); m++) {
                order.add(byMember.get(m).get(i));
            }
        }
        return order;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
