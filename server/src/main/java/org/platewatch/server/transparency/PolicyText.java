package org.platewatch.server.transparency;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.platewatch.server.policy.AuditBasis;
import org.platewatch.server.policy.AuditCadence;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.Recipient;
import org.platewatch.server.policy.Retention;
import org.platewatch.server.policy.SearchRules;
import org.platewatch.server.policy.SharingRules;
import org.platewatch.server.search.SearchPurpose;
import org.platewatch.server.users.Role;

/** Writes the policy in force in plain words, from the profile alone, so the page says what the code enforces. */
final class PolicyText {

    private PolicyText() {}

    static PublishedPolicy of(DepartmentProfile p, String misuseContact) {
        SearchRules search = p.search();
        List<String> accessRules = new ArrayList<>();
        accessRules.add("Every search records who ran it, when, and its stated purpose"
                + (search.caseNumberRequired() ? " and case or incident number" : "") + ".");
        accessRules.add("A search that names no plate and covers more than " + days(search.maxWindowWithoutPlate())
                + " or an area wider than " + search.maxRadiusMetersWithoutPlate() + " m, or a partial plate with fewer"
                + " than " + search.minKnownPlateCharacters()
                + " known characters, waits for a supervisor's approval.");
        accessRules.add(
                p.secondFactorRequired()
                        ? "Members sign in with a password and a second factor; every access is logged."
                        : "Members sign in with a password; every access is logged.");
        accessRules.add("Auditors read the access log; they cannot search detections.");
        return new PublishedPolicy(
                Arrays.stream(SearchPurpose.values()).map(SearchPurpose::label).toList(),
                new PublishedPolicy.Retention(
                        "Plate reads and their images: " + describe(p.detectionRetention()) + ".",
                        "Hot-list hits (alerts, with the read that raised them): " + describe(p.hitRetention()) + ".",
                        "The access log: " + period(p.auditLogRetention()) + ".",
                        "Reads that are, or are reasonably expected to become, evidence in a criminal or civil action,"
                                + " or subject to a lawful request to produce records, are held past the purge"
                                + " until the hold is released."),
                p.externalCopies().stream()
                        .map(c -> new PublishedPolicy.ExternalCopy(
                                c.holder(), c.what(), describe(c.retention()), "Policy " + c.source()))
                        .toList(),
                new PublishedPolicy.Access(
                        search.roles().stream()
                                .map(r -> Role.valueOf(r))
                                .sorted()
                                .map(Role::title)
                                .toList(),
                        p.training().authorizedClassifications(),
                        accessRules),
                new PublishedPolicy.Training(
                        "Only trained members may use the system; training is renewed every "
                                + period(p.training().validity()) + ".",
                        p.training().trainingOwnerTitle()),
                sharing(p.sharing()),
                p.administratorTitle(),
                p.designeeTitle(),
                audits(p.audit()),
                misuse(p, misuseContact));
    }

    private static PublishedPolicy.Sharing sharing(SharingRules s) {
        List<String> rules = new ArrayList<>();
        rules.add("Only to California public agencies, for law-enforcement purposes (Civil Code § 1798.90.55(b)).");
        rules.add("Never to a federal or out-of-state agency, never for immigration enforcement"
                + " (Gov. Code § 7284.6), and never sold.");
        if (s.writtenRequestRequired()) {
            rules.add("The agency asks in writing, naming the agency, the person requesting and the purpose.");
        }
        if (s.approvalRequired()) {
            rules.add("Each request is approved before anything is released.");
        }
        if (s.warrantRequired()) {
            rules.add("Nothing leaves the department without a warrant number.");
        }
        if (s.requestRetainedOnFile()) {
            rules.add("The request, the decision and what was sent are kept on file.");
        }
        return new PublishedPolicy.Sharing(
                s.allowedRecipients().stream().map(PolicyText::recipient).toList(),
                rules,
                s.approverTitle(),
                s.nonLawEnforcementRequestsTo());
    }

    private static String recipient(Recipient r) {
        return switch (r) {
            case LAW_ENFORCEMENT -> "California law-enforcement agencies";
            case PROSECUTION -> "Prosecutors";
            case PUBLIC_SAFETY -> "California government agencies with an authorised public-safety purpose";
        };
    }

    private static String audits(AuditCadence a) {
        String when = a.basis() == AuditBasis.CALENDAR_YEAR
                ? "at least once each calendar year"
                : "every " + period(a.interval());
        if (!a.initialPhase().isZero()) {
            when = "every " + period(a.initialInterval()) + " for the first " + period(a.initialPhase()) + ", then "
                    + when;
        }
        String sample = a.minimumSampleSize() > 0
                ? ", sampling at least " + a.minimumSampleSize() + " searches"
                        + (a.sampleLookBack().isZero() ? "" : " from the preceding " + period(a.sampleLookBack()))
                : "";
        return "Use of the system is audited " + when + sample + ", by the " + a.auditorTitle() + ".";
    }

    private static String misuse(DepartmentProfile p, String contact) {
        String to = contact == null || contact.isBlank() ? "" : " (" + contact.trim() + ")";
        return "Report suspected misuse of ALPR data to the " + p.administratorTitle() + " of the "
                + p.departmentName() + to + ", or through the department's complaint process. A person harmed by"
                + " misuse may bring a civil action (Civil Code § 1798.90.54).";
    }

    static String describe(Retention r) {
        return switch (r.bound()) {
            case PURGE_AT -> "deleted when " + period(r.period()) + " old";
            case AT_MOST -> "kept at most " + period(r.period());
            case AT_LEAST -> "kept at least " + period(r.period()) + ", then deleted under the records schedule";
            case INDEFINITE -> "kept without a set deletion date";
        };
    }

    /** "6 months", "1 year", "60 days". */
    static String period(Period p) {
        List<String> parts = new ArrayList<>();
        add(parts, p.getYears(), "year");
        add(parts, p.getMonths(), "month");
        add(parts, p.getDays(), "day");
        return parts.isEmpty() ? "0 days" : String.join(" ", parts);
    }

    private static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 && d.equals(Duration.ofDays(days)) ? days + " days" : d.toHours() + " hours";
    }

    private static void add(List<String> parts, int n, String unit) {
        if (n != 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }
}
