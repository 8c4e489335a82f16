package org.platewatch.server.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * A retention rule. {@code period} is null only for {@link RetentionBound#INDEFINITE}; prefer
 * {@link #purgeAfter()}.
 */
public record Retention(RetentionBound bound, Period period) {

    public Retention {
        Objects.requireNonNull(bound, "bound");
        if (bound == RetentionBound.INDEFINITE) {
            if (period != null) {
                throw new IllegalArgumentException("an indefinite retention has no period");
            }
        } else if (period == null || !Periods.isPositive(period)) {
            throw new IllegalArgumentException(bound + " retention needs a positive period, not " + period);
        }
    }

    public static Retention purgeAt(Period period) {
        return new Retention(RetentionBound.PURGE_AT, period);
    }

    public static Retention atMost(Period period) {
        return new Retention(RetentionBound.AT_MOST, period);
    }

    public static Retention atLeast(Period period) {
        return new Retention(RetentionBound.AT_LEAST, period);
    }

    public static Retention indefinite() {
        return new Retention(RetentionBound.INDEFINITE, null);
    }

    /** The age at which the purge removes a record (absent a legal hold); empty when it never does. */
    public Optional<Period> purgeAfter() {
        return Optional.ofNullable(period);
    }

    /** The local date on which a record captured on {@code captured} is purged; empty when never. */
    public Optional<LocalDate> purgeDate(LocalDate captured) {
        return purgeAfter().map(captured::plus);
    }

    /**
     * The same bound with the purge age a department chose within it.
     *
     * @throws IllegalArgumentException if {@code chosen} breaks the bound
     */
    public Retention narrowedTo(Period chosen) {
        Objects.requireNonNull(chosen, "chosen");
        boolean allowed = switch (bound) {
            case PURGE_AT -> chosen.normalized().equals(period.normalized());
            case AT_MOST -> Periods.atMost(chosen, period);
            case AT_LEAST -> Periods.atLeast(chosen, period);
            case INDEFINITE -> false;
        };
        if (!allowed) {
            throw new IllegalArgumentException("retention " + chosen + " breaks the policy: " + describe());
        }
        return new Retention(bound, chosen);
    }

    /** Plain words for messages and the transparency page, e.g. "at least P1Y". */
    public String describe() {
        return switch (bound) {
            case PURGE_AT -> "purged at " + period;
            case AT_MOST -> "at most " + period;
            case AT_LEAST -> "at least " + period;
            case INDEFINITE -> "kept indefinitely";
        };
    }
}
