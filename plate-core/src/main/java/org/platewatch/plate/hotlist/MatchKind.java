package org.platewatch.plate.hotlist;

/**
 * How a read's plate text relates to a hot-list entry, strongest evidence first; match results
 * are sorted in this order.
 *
 * <p>Only {@link #EXACT} is a plain hit. Every other kind needs an officer to verify before
 * acting (DESIGN rule 5: a right-characters, wrong-state hit is shown as such).
 */
public enum MatchKind {
    /**
     * Same characters, and the state agrees: either both name the same state, or the entry
     * deliberately covers any state ({@link StateAgreement#ENTRY_ANY_STATE}).
     */
    EXACT,
    /** Same characters; the entry names a state but the read has none (the camera could not tell). */
    STATE_UNKNOWN,
    /** Same characters but a different issuing state: most likely a different vehicle. */
    STATE_MISMATCH,
    /**
     * Different characters that recognition confuses (0/O/D/Q, 1/I/L, 8/B, 5/S, 2/Z, 6/G); the
     * match's {@link StateAgreement} says whether the state agrees as well.
     */
    CONFUSABLE,
    /** A custom entry's partial pattern ({@code ?} one character, {@code *} any run) matches. */
    PARTIAL,
    /**
     * No plate at all: a custom entry that gives only a vehicle description (at least
     * {@link HotlistEntry#MIN_VEHICLE_ATTRIBUTES} of make, model and colour) agrees with what the
     * camera saw. The weakest evidence: the plate was not on any list, so the officer confirms the
     * vehicle; the match's {@link StateAgreement} still says whether the states agree.
     */
    VEHICLE
}
