package org.platewatch.server.alert;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life cycle of an alert, as the policies define it (Alameda 462.2): an {@link #ALERT} is a machine
 * match nobody has looked at; {@link #TENTATIVE} means the officer visually verified characters, state
 * and vehicle; {@link #QUERIED} records the live query of the list (CLETS); {@link #CONFIRMED} means the
 * entering agency confirmed the hit. The transitions of the verified path are here and nowhere else; whether a
 * hit may be confirmed before the visual check and the query is the profile's ({@code alertVerification}), decided
 * by {@link VerificationBeforeAction} and never listed in {@link #next}.
 */
public enum AlertState {
    ALERT,
    TENTATIVE,
    QUERIED,
    CONFIRMED,
    NOT_CONFIRMED,
    MISREAD,
    CLEARED;

    private static final Map<AlertState, Set<AlertState>> NEXT = Map.of(
            ALERT, EnumSet.of(TENTATIVE, MISREAD, CLEARED),
            TENTATIVE, EnumSet.of(QUERIED, CLEARED),
            QUERIED, EnumSet.of(CONFIRMED, NOT_CONFIRMED, CLEARED),
            CONFIRMED, EnumSet.of(CLEARED),
            NOT_CONFIRMED, EnumSet.of(CLEARED),
            MISREAD, EnumSet.noneOf(AlertState.class),
            CLEARED, EnumSet.noneOf(AlertState.class));

    public boolean mayBecome(AlertState next) {
        return NEXT.get(this).contains(next);
    }

    public Set<AlertState> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** Open alerts still need someone to act; MISREAD and CLEARED are closed. */
    public boolean isOpen() {
        return !NEXT.get(this).isEmpty();
    }
}
