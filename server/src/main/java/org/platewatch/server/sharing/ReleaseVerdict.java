package org.platewatch.server.sharing;

/** What {@link ReleaseRule} decides for a request: the three ways a request can go. */
sealed interface ReleaseVerdict {

    /** The request may go to the administrator or designee, who approves or refuses it. */
    record ForApproval() implements ReleaseVerdict {}

    /** Not ours to release directly: recorded and handed to the profile's records-release path. */
    record ToRecords(String routedTo, String why) implements ReleaseVerdict {}

    /** The law or the profile forbids it, whatever anybody clicks; the refusal is audited. */
    record Forbidden(RefusalGround ground, String detail) implements ReleaseVerdict {}

    /** Why a release is forbidden. */
    enum RefusalGround {
        SALE,
        IMMIGRATION_ENFORCEMENT,
        FEDERAL_AGENCY,
        OUT_OF_STATE,
        NOT_A_PROFILE_RECIPIENT,
        NO_AGREEMENT_IN_FORCE
    }
}
