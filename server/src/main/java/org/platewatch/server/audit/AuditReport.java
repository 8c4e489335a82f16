package org.platewatch.server.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.platewatch.server.policy.AuditCadence;
import org.platewatch.server.policy.AuditReportForm;
import org.platewatch.server.policy.DepartmentProfile;

/**
 * What a completed audit's report says, in the form the profile chooses, as blocks that {@link AuditReportHtml} and
 * {@link AuditReportPdf} both render: the two files say the same.
 */
record AuditReport(String title, List<Block> blocks) {

    sealed interface Block permits Heading, Text, Fields, Table {}

    record Heading(String text) implements Block {}

    record Text(String text) implements Block {}

    record Field(String label, String value) {}

    record Fields(List<Field> fields) implements Block {}

    record Table(List<String> headers, List<List<String>> rows) implements Block {}

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    static AuditReport of(AuditView audit, DepartmentProfile profile) {
        AuditCadence cadence = profile.audit();
        ZoneId zone = profile.zone();
        AuditReportForm form = cadence.reportForm();
        List<Block> blocks = new ArrayList<>();
        String title;
        if (form == AuditReportForm.MEMO) {
            title = "Memorandum";
            blocks.add(new Fields(List.of(
                    new Field("To", form.addressedTo()),
                    new Field("From", cadence.auditorTitle() + " (" + audit.completedBy() + ")"),
                    new Field("Date", day(audit.completedAt(), zone)),
                    new Field(
                            "Subject",
                            "ALPR data detection browsing audit, "
                                    + audit.completedAt().atZone(zone).getYear()))));
            blocks.add(
                    new Text("This internal memorandum documents the audit of ALPR detection browsing inquiries that "
                            + profile.departmentName() + " policy " + profile.policyNumber()
                            + " requires at least once during each calendar year. "
                            + audit.sample().size()
                            + " inquiries were selected at random from those conducted by department employees between "
                            + day(audit.sampleFrom(), zone) + " and " + day(audit.sampleTo(), zone)
                            + ", and each was checked against the requirements for an inquiry (a case or incident number and "
                            + "a reason)."));
        } else {
            title = "ALPR system audit report";
            blocks.add(new Fields(List.of(
                    new Field("Department", profile.departmentName() + ", policy " + profile.policyNumber()),
                    new Field("Audit by", cadence.auditorTitle()),
                    new Field("Started", audit.startedBy() + ", " + when(audit.startedAt(), zone)),
                    new Field("Completed", audit.completedBy() + ", " + when(audit.completedAt(), zone)),
                    new Field(
                            "Period audited", day(audit.periodFrom(), zone) + " to " + day(audit.completedAt(), zone)),
                    new Field("Due by", audit.dueOn().toString()))));
        }
        blocks.add(new Heading("Findings"));
        blocks.add(new Text(audit.compliant() + " of " + audit.sample().size()
                + " sampled searches met the policy's requirements; "
                + (audit.sample().size() - audit.compliant())
                + " did not."));
        blocks.add(new Fields(List.of(
                new Field(
                        "Sample",
                        audit.sample().size() + " of the " + audit.population() + " searches made from "
                                + when(audit.sampleFrom(), zone) + " to " + when(audit.sampleTo(), zone)),
                new Field("Drawn", "at random (SecureRandom seed " + audit.seed() + "; the draw can be re-done)"))));
        for (SampledSearch s : audit.sample()) {
            blocks.add(new Heading(s.position() + ". Case " + orNone(s.caseNumber()) + ": "
                    + (Boolean.TRUE.equals(s.compliant()) ? "compliant" : "not compliant")));
            blocks.add(new Fields(List.of(
                    new Field("Purpose", purpose(s.purpose())),
                    new Field("Reason", s.reason()),
                    new Field("Terms", s.terms()),
                    new Field("Requested by", s.requestedBy() + ", " + when(s.requestedAt(), zone)),
                    new Field(
                            "Results",
                            s.resultCount() == null
                                    ? "(did not run)"
                                    : s.resultCount().toString()),
                    new Field("Auditor's note", orNone(s.note())))));
        }
        blocks.add(new Heading("Data errors found and corrected"));
        String centre = cadence.regionalCentre().orElse(null);
        if (audit.corrections().isEmpty()) {
            blocks.add(new Text("No data error was corrected in the period."));
        } else {
            if (centre != null) {
                blocks.add(new Text("Each correction is to be reported to " + centre + " for correction there."));
            }
            blocks.add(new Table(
                    List.of("Read", "Corrected", "Was", "Now", "Reason", "By"),
                    audit.corrections().stream()
                            .map(c -> List.of(
                                    c.readId().toString(),
                                    when(c.correctedAt(), zone),
                                    c.originalPlate() + " " + orNone(c.originalState()),
                                    c.plate() + " " + orNone(c.state()),
                                    c.reason(),
                                    c.correctedBy()))
                            .toList()));
        }
        blocks.add(new Heading("Data retained longer than six months"));
        if (cadence.reportExplainsLongRetention()) {
            blocks.add(new Text("The policy requires this report to explain any data retained longer than six months:"
                    + " each detection below is kept by the legal hold named beside it."));
        }
        if (audit.longHeld().isEmpty()) {
            blocks.add(
                    new Text("No data is retained longer than " + AuditCadence.LONG_HELD.toTotalMonths() + " months."));
        } else {
            blocks.add(new Table(
                    List.of("Read", "Captured", "Hold", "Case", "Reason", "Placed by"),
                    audit.longHeld().stream()
                            .map(h -> List.of(
                                    h.readId().toString(),
                                    day(h.capturedAt(), zone),
                                    "#" + h.holdId() + (h.releasedAt() == null ? "" : " (released)"),
                                    h.caseNumber(),
                                    h.holdReason(),
                                    h.placedBy()))
                            .toList()));
        }
        if (form == AuditReportForm.MEMO) {
            blocks.add(new Text("After review by the " + form.addressedTo()
                    + ", this memorandum and any associated documentation shall be filed and retained by the "
                    + form.filedBy() + "."));
            blocks.add(new Fields(List.of(
                    new Field("Reviewed by the " + form.addressedTo(), "____________________"),
                    new Field("Date", "____________________"))));
        }
        return new AuditReport(title, List.copyOf(blocks));
    }

    private static String purpose(String name) {
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "(none)" : s;
    }

    private static String when(Instant t, ZoneId zone) {
        return t == null ? "" : WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }

    private static String day(Instant t, ZoneId zone) {
        return t == null ? "" : DAY.format(t.atZone(zone));
    }
}
