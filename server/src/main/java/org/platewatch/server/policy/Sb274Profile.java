package org.platewatch.server.policy;

import java.time.Period;

/**
 * A stricter optional profile modelled on SB 274 (2025, vetoed): Oakland's policy 430 with the bill's three rules on
 * top. A department may adopt them although no law requires it.
 *
 * <ul>
 *   <li>Detections are kept at most 60 days. A detection that matched a hot list is kept as its hit: the alert holds
 *       the read (plate, time, place, the entry it matched) in its own table, and the hit retention (Oakland's six
 *       months, 430.6) governs it, so the detection partitions can go at 60 days while hits stay.
 *   <li>Every search names a case or incident number.
 *   <li>No release outside the department without a warrant number ({@link SharingRules#warrantRequired()}).
 * </ul>
 */
final class Sb274Profile {

    /** SB 274 (2025): ALPR data that does not match a hot list is deleted within 60 days. */
    static final Period UNMATCHED_DETECTIONS_AT_MOST = Period.ofDays(60);

    private Sb274Profile() {}

    static DepartmentProfile profile() {
        DepartmentProfile base = OaklandProfile.profile();
        SearchRules s = base.search();
        SharingRules r = base.sharing();
        return new DepartmentProfile(
                "sb274",
                base.departmentName(),
                base.policyNumber() + " with the SB 274 (2025) rules",
                base.zone(),
                base.administratorTitle(),
                Retention.atMost(UNMATCHED_DETECTIONS_AT_MOST),
                base.hitRetention(), // matched detections: as the base policy keeps hits
                base.auditLogRetention(),
                base.audit(),
                base.training(),
                base.maxUploadInterval(),
                base.hotlists(),
                new SearchRules(
                        true,
                        true, // every search names a case
                        s.roles(),
                        s.maxWindowWithoutPlate(),
                        s.maxRadiusMetersWithoutPlate(),
                        s.minKnownPlateCharacters()),
                base.alertVerification(),
                base.stopOutcomeRequired(),
                new SharingRules(
                        r.allowedRecipients(),
                        true,
                        r.writtenRequestRequired(),
                        r.approvalRequired(),
                        r.approverTitle(),
                        r.requestRetainedOnFile(),
                        true,
                        true,
                        r.nonLawEnforcementRequestsTo(),
                        true, // no release outside the department without a warrant number
                        r.regionalCentre()),
                base.secondFactorRequired(),
                base.designeeTitle(),
                base.externalCopies());
    }
}
