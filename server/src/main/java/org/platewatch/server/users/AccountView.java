package org.platewatch.server.users;

import java.time.LocalDate;
import java.util.Set;

/** An account as the API shows it: never a password hash, TOTP secret or token. */
record AccountView(
        String username,
        String fullName,
        String role,
        boolean designee,
        String jobClassification,
        boolean enabled,
        boolean locked,
        boolean mustChangePassword,
        boolean cletsAuthorised,
        boolean secondFactorEnrolled,
        LocalDate trainedOn,
        LocalDate trainingValidThrough,
        boolean trainingCurrent,
        Set<Permission> permissions) {

    static AccountView of(UserAccount a, UserAccounts accounts, TrainingRecords training, MemberAccess access) {
        return new AccountView(
                a.username(),
                a.fullName(),
                a.role().name().toLowerCase(java.util.Locale.ROOT),
                a.designee(),
                a.jobClassification(),
                a.enabled(),
                a.locked(),
                accounts.mustChangePassword(a.username()),
                a.cletsAuthorised(),
                a.secondFactorEnrolled(),
                a.trainedOn(),
                training.validThrough(a).orElse(null),
                training.isCurrent(a),
                access.permissions(a));
    }
}
