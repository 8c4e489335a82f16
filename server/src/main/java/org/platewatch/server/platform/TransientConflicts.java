package org.platewatch.server.platform;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a whole transaction again when PostgreSQL ended it for a deadlock (SQL state 40P01) or a
 * serialization failure (40001). Both mean "another transaction got there first; try again", and a
 * device must never be answered 500 for them. The work must be a complete transaction (begun and
 * committed inside {@code work}), so that a retry starts from nothing.
 */
public final class TransientConflicts {

    private static final Logger log = LoggerFactory.getLogger(TransientConflicts.class);
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
    static final int ATTEMPTS = 5;

    private TransientConflicts() {}

    public static <T> T retry(String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransientConflict(e)) {
                    throw e;
                }
                log.warn("{}: transient conflict ({}), attempt {} of {}", what, sqlState(e), attempt, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    static boolean isTransientConflict(Throwable e) {
        return e instanceof PessimisticLockingFailureException || RETRYABLE.contains(sqlState(e));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** A short, growing, jittered pause, so that the transactions that collided do not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt, 10L << attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", interrupted);
        }
    }
}
