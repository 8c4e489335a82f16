package org.platewatch.plate.hotlist;

import org.platewatch.plate.UsState;

/**
 * How the read's issuing state compares with the entry's. Kept apart from {@link MatchKind}
 * because a confusable or partial match can agree or disagree on state too, and the officer
 * needs to see both facts.
 */
public enum StateAgreement {
    /** Both name the same state. */
    SAME,
    /** Both name a state, and they differ. */
    DIFFERENT,
    /** The entry names a state; the read has none. */
    READ_HAS_NO_STATE,
    /** The entry covers any state (the source did not know it); whatever the read says agrees. */
    ENTRY_ANY_STATE;

    static StateAgreement of(UsState entryState, UsState readState) {
        if (entryState == null) {
            return ENTRY_ANY_STATE;
        }
        if (readState == null) {
            return READ_HAS_NO_STATE;
        }
        return entryState == readState ? SAME : DIFFERENT;
    }
}
