package org.platewatch.server.transparency;

import java.util.List;

/**
 * The policy in force as the public page publishes it, in plain words, generated from the department profile. Titles
 * only: no person's name, no camera's place.
 *
 * @param purposes          what a search may be for (Civil Code § 1798.90.51(b)(1)(A))
 * @param retention         how long each kind of record is kept
 * @param externalCopies    copies of the data held outside Platewatch, and how long their holders keep them
 * @param access            who may use the system, and for what
 * @param training          who must be trained, and how often
 * @param sharing           to whom data may be released, and how
 * @param administratorTitle who administers the program
 * @param designeeTitle     who acts for the administrator
 * @param audits            how use of the system is audited
 * @param reportingMisuse   how a member of the public reports misuse
 */
public record PublishedPolicy(
        List<String> purposes,
        Retention retention,
        List<ExternalCopy> externalCopies,
        Access access,
        Training training,
        Sharing sharing,
        String administratorTitle,
        String designeeTitle,
        String audits,
        String reportingMisuse) {

    /** Retention in words, e.g. "deleted when 6 months old". */
    public record Retention(String detections, String hits, String auditLog, String legalHolds) {}

    public record ExternalCopy(String holder, String what, String retention, String source) {}

    /**
     * @param searchRoles     the roles that may search detections
     * @param classifications the job classifications the policy allows to be trained; empty: any trained member
     * @param rules           what every search must state, when one needs approval, how members sign in
     */
    public record Access(List<String> searchRoles, List<String> classifications, List<String> rules) {}

    public record Training(String validity, String responsible) {}

    /**
     * @param recipients kinds of agency that may receive data
     * @param rules      the conditions of every release, the refusals the law requires
     * @param approver   who approves a release
     * @param othersTo   who handles requests from anyone else
     */
    public record Sharing(List<String> recipients, List<String> rules, String approver, String othersTo) {}
}
