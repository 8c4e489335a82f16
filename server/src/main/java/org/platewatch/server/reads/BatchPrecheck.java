package org.platewatch.server.reads;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the store would refuse, asked before a batch is appended to the ingest topic (issue 21), so that the camera
 * still gets its 4xx from the server it posted to: a read id another device has used, or more new capture days than
 * the limit (the day partitions are created here, so the consuming server needs to create none). Its answer also
 * counts the reads this device had sent before, which the upload's answer reports as duplicates.
 */
@Service
public class BatchPrecheck {

    private final JdbcClient jdbc;
    private final DetectionPartitions partitions;

    BatchPrecheck(JdbcClient jdbc, DetectionPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    /**
     * @return how many of the batch's read ids this device has sent before
     * @throws RefusedBatch as {@link DetectionStore#store} would
     */
    @Transactional
    public int check(UUID deviceId, List<NewDetection> reads, int maxNewPartitions) {
        partitions.ensureFor(reads.stream().map(NewDetection::capturedAt).toList(), maxNewPartitions);
        List<UUID> ids = reads.stream().map(NewDetection::readId).distinct().toList();
        // As the store looks: each read's receipt in its own capture day's partition (V65), not across every day.
        List<Known> known = jdbc.sql("""
                        SELECT DISTINCT ON (i.read_id) i.read_id, k.device_id
                        FROM unnest(?::uuid[], ?::timestamptz[]) AS i (read_id, captured_at)
                        CROSS JOIN LATERAL (
                            SELECT r.device_id FROM read_receipts r
                            WHERE r.read_id = i.read_id
                              AND r.captured_at >= date_trunc('day', i.captured_at, 'UTC')
                              AND r.captured_at < date_trunc('day', i.captured_at, 'UTC') + interval '1 day') k
                        ORDER BY i.read_id, k.device_id = ?
                        """)
                .param(reads.stream().map(r -> r.readId().toString()).toArray(String[]::new))
                .param(reads.stream().map(r -> r.capturedAt().toString()).toArray(String[]::new))
                .param(deviceId)
                .query((rs, n) -> new Known(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list();
        for (UUID id : ids) {
            if (known.stream()
                    .anyMatch(k -> k.readId().equals(id) && !k.deviceId().equals(deviceId))) {
                throw new RefusedBatch.ReadIdOfAnotherDevice(id);
            }
        }
        return known.size() + (reads.size() - ids.size());
    }

    private record Known(UUID readId, UUID deviceId) {}
}
