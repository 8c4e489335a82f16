package org.platewatch.server.users;

import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** An account as the users pages show it: role title, training and whether it lapses soon, state. */
@Component
class AccountRows {

    private final UserAccounts accounts;
    private final TrainingRecords training;

    AccountRows(UserAccounts accounts, TrainingRecords training) {
        this.accounts = accounts;
        this.training = training;
    }

    Row row(UserAccount a, boolean lapsing) {
        return new Row(
                a,
                a.role().title(),
                training.validThrough(a).orElse(null),
                training.isCurrent(a),
                lapsing,
                accounts.mustChangePassword(a.username()));
    }

    /** An account as the page shows it. */
    record Row(
            UserAccount account,
            String roleTitle,
            LocalDate validThrough,
            boolean trainingCurrent,
            boolean lapsing,
            boolean mustChangePassword) {
        public String state() {
            if (!account.enabled()) {
                return "Disabled";
            }
            return account.locked() ? "Locked" : "Active";
        }
    }
}
