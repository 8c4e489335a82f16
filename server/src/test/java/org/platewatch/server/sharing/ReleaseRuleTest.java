package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.ShippedProfiles;

/** Where {@link ReleaseRule} lets data go, for every shipped profile: the law's refusals first, whatever is ticked. */
class ReleaseRuleTest {

    private static Agency agency(String name, AgencyKind kind, String state, boolean federal, String contact) {
        return new Agency(1, name, kind, state, federal, contact, "admin", Instant.EPOCH);
    }

    private static final Agency BERKELEY =
            agency("Berkeley Police Department", AgencyKind.LAW_ENFORCEMENT, "CA", false, "records@berkeleyca.gov");

    private static ReleaseVerdict decide(
            DepartmentProfile p, Agency a, ReleasePurpose purpose, boolean paid, String text, boolean agreement) {
        return new ReleaseRule(p).decide(new ReleaseRule.Asked(a, purpose, paid, text), agreement);
    }

    private static ReleaseVerdict.RefusalGround ground(ReleaseVerdict v) {
        assertThat(v).isInstanceOf(ReleaseVerdict.Forbidden.class);
        return ((ReleaseVerdict.Forbidden) v).ground();
    }

    @Test
    void everyProfileRefusesFederalOutOfStateImmigrationAndSaleWhateverIsTicked() {
        for (DepartmentProfile p : ShippedProfiles.all()) {
            assertThat(decide(p, BERKELEY, ReleasePurpose.LAW_ENFORCEMENT, false, "robbery suspect", true))
                    .as(p.key())
                    .isInstanceOf(ReleaseVerdict.ForApproval.class);
            assertThat(ground(decide(p, BERKELEY, ReleasePurpose.LAW_ENFORCEMENT, true, "robbery", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.SALE);
            assertThat(ground(decide(p, BERKELEY, ReleasePurpose.IMMIGRATION_ENFORCEMENT, false, "x", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.IMMIGRATION_ENFORCEMENT);
            // a law-enforcement purpose ticked over a request that speaks of a detainer
            assertThat(ground(decide(
                            p, BERKELEY, ReleasePurpose.LAW_ENFORCEMENT, false, "to serve an ICE detainer", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.IMMIGRATION_ENFORCEMENT);
            Agency fbi = agency("FBI San Francisco", AgencyKind.LAW_ENFORCEMENT, "CA", true, "sf@fbi.gov");
            assertThat(ground(decide(p, fbi, ReleasePurpose.LAW_ENFORCEMENT, false, "bank robbery", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.FEDERAL_AGENCY);
            // relabelled: registered as a local agency, but its name or address is federal
            Agency relabelled = agency("Task Force 7", AgencyKind.LAW_ENFORCEMENT, "CA", false, "tf7@ice.dhs.gov");
            assertThat(ground(decide(p, relabelled, ReleasePurpose.LAW_ENFORCEMENT, false, "gang case", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.FEDERAL_AGENCY);
            Agency reno = agency("Reno Police Department", AgencyKind.LAW_ENFORCEMENT, "NV", false, "rpd@reno.gov");
            assertThat(ground(decide(p, reno, ReleasePurpose.LAW_ENFORCEMENT, false, "homicide", true)))
                    .isEqualTo(ReleaseVerdict.RefusalGround.OUT_OF_STATE);
        }
    }

    @Test
    void privateRequestsAndNonLawEnforcementPurposesGoToTheRecordsPath() {
        DepartmentProfile oakland = ShippedProfiles.byName("oakland").orElseThrow();
        Agency insurer = agency("Acme Insurance", AgencyKind.PRIVATE, "CA", false, "claims@acme.example");
        ReleaseVerdict v = decide(oakland, insurer, ReleasePurpose.OTHER, false, "claim 12", false);
        assertThat(v)
                .isEqualTo(new ReleaseVerdict.ToRecords(
                        oakland.sharing().nonLawEnforcementRequestsTo(),
                        "a private person or company is not a public agency"));
        assertThat(decide(oakland, BERKELEY, ReleasePurpose.OTHER, false, "civil suit", false))
                .isInstanceOf(ReleaseVerdict.ToRecords.class);
        Agency parks = agency("East Bay Parks", AgencyKind.OTHER_PUBLIC_AGENCY, "CA", false, "parks@ebparks.org");
        assertThat(decide(oakland, parks, ReleasePurpose.PUBLIC_SAFETY, false, "arson", false))
                .isInstanceOf(ReleaseVerdict.ToRecords.class);
        // Hayward 429.5(d) releases to a government entity with an authorised public-safety purpose
        DepartmentProfile hayward = ShippedProfiles.byName("hayward").orElseThrow();
        assertThat(decide(hayward, parks, ReleasePurpose.PUBLIC_SAFETY, false, "arson", false))
                .isInstanceOf(ReleaseVerdict.ForApproval.class);
    }

    @Test
    void aRegionalCentreReceivesOnlyUnderTheProfilesAgreementInForce() {
        Agency ncric = agency(
                "Northern California Regional Intelligence Center",
                AgencyKind.REGIONAL_CENTRE,
                "CA",
                false,
                "alpr@ncric.ca.gov");
        DepartmentProfile sanLeandro = ShippedProfiles.byName("san-leandro").orElseThrow();
        assertThat(decide(sanLeandro, ncric, ReleasePurpose.LAW_ENFORCEMENT, false, "feed", true))
                .isInstanceOf(ReleaseVerdict.ForApproval.class);
        assertThat(ground(decide(sanLeandro, ncric, ReleasePurpose.LAW_ENFORCEMENT, false, "feed", false)))
                .isEqualTo(ReleaseVerdict.RefusalGround.NO_AGREEMENT_IN_FORCE);
        DepartmentProfile oakland = ShippedProfiles.byName("oakland").orElseThrow();
        assertThat(ground(decide(oakland, ncric, ReleasePurpose.LAW_ENFORCEMENT, false, "feed", true)))
                .isEqualTo(ReleaseVerdict.RefusalGround.NOT_A_PROFILE_RECIPIENT);
    }

    @Test
    void ordinaryWordsAreNotTakenForFederalOrImmigrationMarks() {
        assertThat(FederalMarks.looksFederal("Police Services of Justice Campus", "office@police.ca.gov"))
                .isFalse();
        assertThat(FederalMarks.looksFederal("U.S. Marshals Service", "x@example.org"))
                .isTrue();
        assertThat(FederalMarks.looksFederal("Local PD", "a@sub.usdoj.gov")).isTrue();
        assertThat(FederalMarks.speaksOfImmigration("please send us the reads; the suspect drove a Justice van"))
                .isFalse();
        assertThat(FederalMarks.speaksOfImmigration("pending Deportation hearing"))
                .isTrue();
    }
}
