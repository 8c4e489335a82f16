package org.platewatch.server.alert;

/** How a stop made on an alert ended; recorded when the alert is cleared (Vallejo 426.4(f)(3)). */
public enum StopOutcome {
    ARREST,
    RECOVERED_VEHICLE,
    CITATION,
    WARNING,
    NO_ACTION,
    VEHICLE_NOT_LOCATED,
    OTHER;

    /**
     * An arrest or a seizure based on a hit needs the hit confirmed with the entering agency first
     * (NCIC hit confirmation), whatever the department's profile says about verification.
     */
    boolean needsConfirmedHit() {
        return this == ARREST || this == RECOVERED_VEHICLE;
    }
}
