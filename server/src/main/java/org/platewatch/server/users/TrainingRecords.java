package org.platewatch.server.users;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members' ALPR training records and what they cover: training is valid for the profile's
 * {@code training().validity()}, counted in calendar days of the department's zone. Recording one
 * writes its audit record in the same transaction (DESIGN.md rule 2).
 */
@Service
public class TrainingRecords {

    private final UserStore store;
    private final TrainingStore training;
    private final AuditLog audit;
    private final Clock clock;
    private final DepartmentProfile profile;

    TrainingRecords(UserStore store, TrainingStore training, AuditLog audit, Clock clock, DepartmentProfile profile) {
        this.store = store;
        this.training = training;
        this.audit = audit;
        this.clock = clock;
        this.profile = profile;
    }

    /** Records a member's training; returns the account with its training date as it now stands. */
    @Transactional
    public UserAccount record(String username, TrainingRecord record, Actor recordedBy) {
        UserAccount account = store.require(username);
        record(account.id(), username, record, recordedBy);
        return store.require(username);
    }

    /** As {@link #record(String, TrainingRecord, Actor)}, for an account being created in the caller's transaction. */
    void record(UUID userId, String username, TrainingRecord record, Actor recordedBy) {
        if (username.equals(recordedBy.username())) {
            throw new ProblemException(
                    UserAccounts.OWN_ACCOUNT,
                    "username",
                    "username: your own training is recorded by another administrator or the department trainer");
        }
        if (record.completedOn() == null || record.completedOn().isAfter(today())) {
            throw ProblemException.invalid("completedOn", "is required and cannot be in the future");
        }
        RequiredText.require("course", record.course());
        RequiredText.require("trainer", record.trainer());
        training.insertTraining(userId, record, recordedBy.username(), clock.instant());
        audit.record(
                recordedBy,
                AuditEvent.of("training.recorded", "user:" + username)
                        .withTerms("completed=" + record.completedOn() + ", course=" + record.course() + ", trainer="
                                + record.trainer()));
    }

    /** The member's training records, newest first. */
    public List<TrainingRecord> of(String username) {
        return training.trainingRecords(username);
    }

    /** Today in the department's zone: training is counted in calendar days there. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), profile.zone());
    }

    /** The last day the account's training covers; empty when there is no training record. */
    public Optional<LocalDate> validThrough(UserAccount account) {
        return Optional.ofNullable(account.trainedOn())
                .map(d -> d.plus(profile.training().validity()));
    }

    /** Whether the account holds training that covers today. */
    public boolean isCurrent(UserAccount account) {
        return account.trainedOn() != null && profile.training().isValidOn(account.trainedOn(), today());
    }

    /**
     * Enabled accounts whose training is current today but lapses within {@code within} (the console
     * warns them and their administrator, e.g. {@code lapsingWithin(Duration.ofDays(30))}).
     */
    public List<UserAccount> lapsingWithin(Duration within) {
        LocalDate horizon = LocalDate.ofInstant(clock.instant().plus(within), profile.zone());
        return store.all().stream()
                .filter(UserAccount::enabled)
                .filter(this::isCurrent)
                .filter(a -> validThrough(a).orElseThrow().isBefore(horizon))
                .toList();
    }
}
