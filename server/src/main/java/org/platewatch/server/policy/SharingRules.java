package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Release of ALPR data to other agencies.
 *
 * @param allowedRecipients                 agency kinds that may receive data
 * @param californiaPublicAgenciesOnly      releases go to California public agencies only (Civil Code
 *                                          §§ 1798.90.5(f), 1798.90.55(b)); true in every shipped profile
 * @param writtenRequestRequired            the agency makes a written request naming agency, requester and
 *                                          purpose
 * @param approvalRequired                  the request is approved before it is fulfilled; always true (the
 *                                          sharing feature releases nothing without a decision)
 * @param approverTitle                     who approves
 * @param requestRetainedOnFile             the approved request is kept on file; always true (requests are
 *                                          append-only on file)
 * @param immigrationEnforcementForbidden   never released for immigration enforcement (California Values Act,
 *                                          Gov. Code § 7284.6); always true
 * @param saleForbidden                     never sold (Civil Code § 1798.90.55(b)); always true
 * @param nonLawEnforcementRequestsTo       who handles requests from anyone else, under the records policy
 * @param warrantRequired                   no release outside the department without a warrant number (the
 *                                          stricter {@code sb274} profile); false in the eight seed profiles
 * @param regionalCentre                    the regional intelligence centre the department shares with under an
 *                                          MOU (San Leandro 418.2: NCRIC), or empty when it has none; a centre
 *                                          receives data only while a standing agreement with it is in force
 */
public record SharingRules(
        Set<Recipient> allowedRecipients,
        boolean californiaPublicAgenciesOnly,
        boolean writtenRequestRequired,
        boolean approvalRequired,
        String approverTitle,
        boolean requestRetainedOnFile,
        boolean immigrationEnforcementForbidden,
        boolean saleForbidden,
        String nonLawEnforcementRequestsTo,
        boolean warrantRequired,
        String regionalCentre) {

    /** The rules of the seed profiles: no warrant number asked, no regional centre. */
    public SharingRules(
            Set<Recipient> allowedRecipients,
            boolean californiaPublicAgenciesOnly,
            boolean writtenRequestRequired,
            boolean approvalRequired,
            String approverTitle,
            boolean requestRetainedOnFile,
            boolean immigrationEnforcementForbidden,
            boolean saleForbidden,
            String nonLawEnforcementRequestsTo) {
        this(
                allowedRecipients,
                californiaPublicAgenciesOnly,
                writtenRequestRequired,
                approvalRequired,
                approverTitle,
                requestRetainedOnFile,
                immigrationEnforcementForbidden,
                saleForbidden,
                nonLawEnforcementRequestsTo,
                false,
                "");
    }

    public SharingRules {
        if (allowedRecipients == null || allowedRecipients.isEmpty()) {
            throw new IllegalArgumentException("a profile names at least one kind of recipient");
        }
        allowedRecipients = Collections.unmodifiableSet(EnumSet.copyOf(allowedRecipients));
        if (!californiaPublicAgenciesOnly) {
            throw new IllegalArgumentException("Civil Code §§ 1798.90.5(f) and 1798.90.55(b) allow releases to"
                    + " California public agencies only: never to a federal or out-of-state agency, nor a private one");
        }
        // Every text (or the default procedure) asks for both, and the sharing feature has no path around them: a
        // release is decided by a second member and every request stays on file. A profile saying otherwise would
        // publish a rule that is not applied.
        if (!approvalRequired || !requestRetainedOnFile) {
            throw new IllegalArgumentException("every release is approved before it is sent and its request kept on"
                    + " file (Civil Code § 1798.90.55; the sharing feature has no other path): approvalRequired and"
                    + " requestRetainedOnFile cannot be false");
        }
        requireText(approverTitle, "approverTitle");
        requireText(nonLawEnforcementRequestsTo, "nonLawEnforcementRequestsTo");
        regionalCentre = regionalCentre == null ? "" : regionalCentre.strip();
        if (!immigrationEnforcementForbidden) {
            throw new IllegalArgumentException(
                    "the California Values Act (Gov. Code § 7284.6) forbids sharing for immigration enforcement");
        }
        if (!saleForbidden) {
            throw new IllegalArgumentException("Civil Code § 1798.90.55(b) forbids selling ALPR information");
        }
    }

    /** Whether the department shares with a regional centre under an MOU. */
    public boolean hasRegionalCentre() {
        return !regionalCentre.isEmpty();
    }

    public boolean allows(Recipient recipient) {
        return allowedRecipients.contains(recipient);
    }
}
