package org.platewatch.plate.hotlist;

import java.util.Objects;

/** One hot-list entry that a read matched, how it matched, and whether the states agree. */
public record HotlistMatch(HotlistEntry entry, MatchKind kind, StateAgreement state) {

    public HotlistMatch {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
    }

    /**
     * True only for {@link MatchKind#EXACT}: the one kind an officer may treat as a plain hit (never
     * {@link MatchKind#VEHICLE}, whose plate was on no list).
     */
    public boolean isPlainHit() {
        return kind == MatchKind.EXACT;
    }

    /** Exact plate text: the kind follows from the state agreement alone. */
    static HotlistMatch sameText(HotlistEntry entry, StateAgreement state) {
        MatchKind kind = switch (state) {
            // An entry without a state is the source saying "any state": the read meets every
            // condition the entry states, so calling it anything weaker would bury real hits.
            // The state field still says ENTRY_ANY_STATE so the console can show it.
            case SAME, ENTRY_ANY_STATE -> MatchKind.EXACT;
            case READ_HAS_NO_STATE -> MatchKind.STATE_UNKNOWN;
            case DIFFERENT -> MatchKind.STATE_MISMATCH;
        };
        return new HotlistMatch(entry, kind, state);
    }
}
