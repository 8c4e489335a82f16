package org.platewatch.server.audit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The random draw of an audit's sample. The seed comes from {@link SecureRandom}, so nobody can know the sample
 * before the audit starts; the draw from it is a deterministic partial Fisher-Yates shuffle over the window's
 * searches in their stored order, so that, with the seed the audit records, anyone can re-do the draw and check it.
 */
final class AuditSample {

    private static final SecureRandom SEEDS = new SecureRandom();

    private AuditSample() {}

    static long newSeed() {
        return SEEDS.nextLong();
    }

    /** {@code size} of {@code population} (all of them when fewer), in the order drawn. */
    static List<UUID> draw(List<UUID> population, int size, long seed) {
        List<UUID> pool = new ArrayList<>(population);
        int n = Math.min(size, pool.size());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            UUID chosen = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, chosen);
        }
        return List.copyOf(pool.subList(0, n));
    }
}
