package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * Training rules.
 *
 * @param validity                   how long a completed training lets a member use the system
 * @param trainingOwnerTitle         who ensures members are trained
 * @param authorizedClassifications  the job classifications the policy allows to be trained; empty where the
 *                                   text names none (any trained, authorised member)
 */
public record TrainingRules(Period validity, String trainingOwnerTitle, List<String> authorizedClassifications) {

    public TrainingRules {
        Objects.requireNonNull(validity, "validity");
        if (!Periods.isPositive(validity)) {
            throw new IllegalArgumentException("training validity must be positive");
        }
        requireText(trainingOwnerTitle, "trainingOwnerTitle");
        authorizedClassifications = List.copyOf(authorizedClassifications);
    }

    /** Whether training completed on {@code completedOn} still covers use on {@code date}. */
    public boolean isValidOn(LocalDate completedOn, LocalDate date) {
        return !date.isBefore(completedOn) && !date.isAfter(completedOn.plus(validity));
    }
}
