package org.platewatch.server.sharing;

import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.FEDERAL_AGENCY;
import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.IMMIGRATION_ENFORCEMENT;
import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.NOT_A_PROFILE_RECIPIENT;
import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.NO_AGREEMENT_IN_FORCE;
import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.OUT_OF_STATE;
import static org.platewatch.server.sharing.ReleaseVerdict.RefusalGround.SALE;

import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.Recipient;
import org.platewatch.server.policy.SharingRules;
import org.springframework.stereotype.Component;

/**
 * The one place that decides where data may go. Civil Code § 1798.90.55(b) lets ALPR information go only to a
 * California public agency, for law-enforcement purposes under the department's policy, and never be sold; the
 * California Values Act (Gov. Code § 7284.6) and the Attorney General's bulletin 2023-DLE-06 forbid sharing with
 * federal and out-of-state agencies and for immigration enforcement. The profile narrows it further (the kinds of
 * recipient it names, its regional centre). Everyone else's request goes to the profile's records-release path.
 *
 * <p>The forbidden checks come first and do not depend on the profile: no setting and no click opens them.
 */
@Component
class ReleaseRule {

    private final SharingRules rules;

    ReleaseRule(DepartmentProfile profile) {
        this.rules = profile.sharing();
    }

    /** What the request is, as far as the rule is concerned. */
    record Asked(Agency agency, ReleasePurpose purpose, boolean paymentOffered, String writtenRequest) {}

    /**
     * @param agreementInForce whether a standing agreement with the agency is in force today (for a regional centre)
     */
    ReleaseVerdict decide(Asked asked, boolean agreementInForce) {
        Agency a = asked.agency();
        if (asked.paymentOffered()) {
            return new ReleaseVerdict.Forbidden(
                    SALE, "ALPR information is never sold or exchanged for payment (Civil Code § 1798.90.55(b))");
        }
        if (asked.purpose() == ReleasePurpose.IMMIGRATION_ENFORCEMENT
                || FederalMarks.speaksOfImmigration(asked.writtenRequest())) {
            return new ReleaseVerdict.Forbidden(
                    IMMIGRATION_ENFORCEMENT,
                    "ALPR information is never released for immigration enforcement (California Values Act, "
                            + "Gov. Code § 7284.6; Attorney General bulletin 2023-DLE-06)");
        }
        if (a.federal() || FederalMarks.looksFederal(a.name(), a.contact())) {
            return new ReleaseVerdict.Forbidden(
                    FEDERAL_AGENCY,
                    "'" + a.name() + "' is a federal agency: ALPR information goes to California public agencies "
                            + "only (Civil Code § 1798.90.55(b); Attorney General bulletin 2023-DLE-06)");
        }
        if (!a.californian()) {
            return new ReleaseVerdict.Forbidden(
                    OUT_OF_STATE,
                    "'" + a.name() + "' is an agency of " + a.state() + ": ALPR information goes to California "
                            + "public agencies only (Civil Code § 1798.90.55(b); Attorney General bulletin 2023-DLE-06)");
        }
        return switch (a.kind()) {
            case PRIVATE -> toRecords("a private person or company is not a public agency");
            case OTHER_PUBLIC_AGENCY ->
                asked.purpose() != ReleasePurpose.OTHER && rules.allows(Recipient.PUBLIC_SAFETY)
                        ? new ReleaseVerdict.ForApproval()
                        : toRecords("the department's policy releases directly to law-enforcement and prosecuting "
                                + "agencies only");
            case LAW_ENFORCEMENT -> lawEnforcementUse(asked, Recipient.LAW_ENFORCEMENT);
            case PROSECUTOR -> lawEnforcementUse(asked, Recipient.PROSECUTION);
            case REGIONAL_CENTRE -> regionalCentre(asked, agreementInForce);
        };
    }

    /**
     * The stricter profile's rule ({@code sharing.warrantRequired}, sb274): nothing leaves the department without a
     * warrant number. Every agency a request names is outside the department, so every request needs one. Asked at
     * entry and again at approval, like {@link #decide}: a request entered without one, under a profile that did not
     * ask, is not released under one that does.
     *
     * @param then what the member can do about it, appended to the refusal
     * @throws ProblemException a 400 naming {@code warrantNumber}
     */
    void requireWarrant(String warrantNumber, String then) {
        if (rules.warrantRequired() && (warrantNumber == null || warrantNumber.isBlank())) {
            throw ProblemException.invalid(
                    "warrantNumber",
                    "is required: the department's policy releases nothing outside the department without a warrant"
                            + " number" + then);
        }
    }

    /** Whether the profile asks a warrant number for every request ({@code sharing.warrantRequired}). */
    boolean warrantRequired() {
        return rules.warrantRequired();
    }

    private ReleaseVerdict lawEnforcementUse(Asked asked, Recipient recipient) {
        if (!rules.allows(recipient)) {
            return new ReleaseVerdict.Forbidden(
                    NOT_A_PROFILE_RECIPIENT,
                    "the department's policy does not release ALPR information to a "
                            + asked.agency().kind().label().toLowerCase(java.util.Locale.ROOT));
        }
        if (!asked.purpose().lawEnforcement()) {
            return toRecords("the request is not for a law-enforcement purpose");
        }
        return new ReleaseVerdict.ForApproval();
    }

    private ReleaseVerdict regionalCentre(Asked asked, boolean agreementInForce) {
        if (!rules.hasRegionalCentre()) {
            return new ReleaseVerdict.Forbidden(
                    NOT_A_PROFILE_RECIPIENT, "the department's policy names no regional centre to share with");
        }
        if (!agreementInForce) {
            return new ReleaseVerdict.Forbidden(
                    NO_AGREEMENT_IN_FORCE,
                    "no standing agreement with '" + asked.agency().name() + "' is in force today; the policy "
                            + "shares with " + rules.regionalCentre() + " under its MOU only");
        }
        if (!asked.purpose().lawEnforcement()) {
            return toRecords("the request is not for a law-enforcement purpose");
        }
        return new ReleaseVerdict.ForApproval();
    }

    private ReleaseVerdict toRecords(String why) {
        return new ReleaseVerdict.ToRecords(rules.nonLawEnforcementRequestsTo(), why);
    }
}
