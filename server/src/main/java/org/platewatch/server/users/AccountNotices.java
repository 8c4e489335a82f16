package org.platewatch.server.users;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.platewatch.server.console.ConsoleController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The signed-in member's training warning for the console layout, on every page: from
 * {@link #WARNING_WINDOW} before the training lapses, and once it has lapsed (or when there is none).
 * Auditors hold no ALPR permission and are not operators, so they get no training warning.
 * (Here rather than in console: console does not depend on users.)
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
class AccountNotices {

    /** The 30 days: members and their administrator see lapsing training this far ahead. */
    static final Duration WARNING_WINDOW = Duration.ofDays(30);

    private final TrainingRecords training;

    AccountNotices(TrainingRecords training) {
        this.training = training;
    }

    @ModelAttribute("trainingNotice")
    TrainingNotice trainingNotice() {
        Optional<UserAccount> me = signedIn();
        if (me.isEmpty() || me.get().role() == Role.AUDITOR) {
            return null;
        }
        UserAccount account = me.get();
        Optional<LocalDate> validThrough = training.validThrough(account);
        LocalDate today = training.today();
        if (validThrough.isEmpty()) {
            return new TrainingNotice(
                    true,
                    null,
                    "You have no ALPR training on record: you can sign in but not use "
                            + "Platewatch until your ALPR administrator records it.");
        }
        LocalDate last = validThrough.get();
        if (!training.isCurrent(account)) {
            return new TrainingNotice(
                    true,
                    last,
                    "Your ALPR training lapsed after " + last
                            + ". Ask your ALPR administrator to record your refresher training.");
        }
        if (last.isBefore(today.plusDays(WARNING_WINDOW.toDays()))) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(today, last);
            return new TrainingNotice(
                    false,
                    last,
                    "Your ALPR training covers use through " + last + " ("
                            + (days == 0 ? "today is the last day" : days + (days == 1 ? " day" : " days") + " left")
                            + "). Book your refresher course.");
        }
        return null;
    }

    static Optional<UserAccount> signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedInMember member) {
            return Optional.of(member.account());
        }
        return Optional.empty();
    }

    /** What the layout shows: {@code lapsed} true once the training no longer covers today. */
    record TrainingNotice(boolean lapsed, LocalDate validThrough, String text) {}
}
