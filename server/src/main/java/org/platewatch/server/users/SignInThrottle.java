package org.platewatch.server.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In front of the sign-in check: counts failed sign-ins per client address and per user name over a
 * sliding window, and refuses a key that reached its limit without touching the database, running bcrypt
 * or writing an audit row (which takes the global audit-chain lock). It also thins the audit of sign-ins
 * for accounts that do not exist to one record per client address per window.
 *
 * <p>In memory, per server: a restart forgets it, which only ever lets more attempts through. The real
 * account lock-out (CJIS, {@code lock-after-failed-sign-ins}) is separate and stays in the database.
 */
final class SignInThrottle {

    /** Keys kept at most per map; beyond it, keys whose failures all left the window are dropped. */
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final UsersProperties.SignInThrottle settings;
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byUsername = new ConcurrentHashMap<>();
    private final Map<String, UnknownAccounts> unknownByAddress = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock, UsersProperties.SignInThrottle settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether this attempt is to be refused unchecked: the address or the name reached its limit. */
    boolean refuses(String address, String username) {
        Instant now = clock.instant();
        return count(byAddress, address, now) >= settings.perAddress()
                || count(byUsername, username, now) >= settings.perUsername();
    }

    /**
     * Counts a failed attempt.
     *
     * @return what this failure brought to its limit (the caller audits that once), or null
     */
    String failed(String address, String username) {
        Instant now = clock.instant();
        int fromAddress = add(byAddress, address, now);
        int forName = add(byUsername, username, now);
        if (fromAddress == settings.perAddress()) {
            return "address";
        }
        if (forName == settings.perUsername()) {
            return "username";
        }
        return null;
    }

    /** A successful sign-in clears the name's count (not the address's: others may share it). */
    void succeeded(String username) {
        byUsername.remove(username);
    }

    /**
     * A sign-in for an account that does not exist, from this address.
     *
     * @return -1 when it is only counted (an earlier one in this window was audited); otherwise the
     *         number of such failures from the address that were counted but not audited in the window before
     */
    int unknownAccount(String address) {
        Instant now = clock.instant();
        prune(unknownByAddress.size());
        int[] unrecorded = {-1};
        unknownByAddress.compute(address, (key, seen) -> {
            if (seen == null || !now.isBefore(seen.since().plus(settings.window()))) {
                unrecorded[0] = seen == null ? 0 : seen.unrecorded();
                return new UnknownAccounts(now, 0);
            }
            return new UnknownAccounts(seen.since(), seen.unrecorded() + 1);
        });
        return unrecorded[0];
    }

    Duration window() {
        return settings.window();
    }

    private int count(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> failures = map.get(key);
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            expire(failures, now);
            return failures.size();
        }
    }

    private int add(Map<String, Deque<Instant>> map, String key, Instant now) {
        if (map.size() >= MAX_KEYS) {
            map.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    expire(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            expire(failures, now);
            failures.addLast(now);
            return failures.size();
        }
    }

    private void expire(Deque<Instant> failures, Instant now) {
        Instant cutoff = now.minus(settings.window());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
            failures.removeFirst();
        }
    }

    private void prune(int size) {
        if (size >= MAX_KEYS) {
            Instant cutoff = clock.instant().minus(settings.window());
            unknownByAddress.values().removeIf(u -> u.since().isBefore(cutoff) && u.unrecorded() == 0);
        }
    }

    private record UnknownAccounts(Instant since, int unrecorded) {}
}
