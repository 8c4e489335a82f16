package org.platewatch.server.policy;

/** Kinds of agency that may receive released data. */
public enum Recipient {
    LAW_ENFORCEMENT,
    PROSECUTION,
    /** a government entity with an authorised public-safety purpose (Hayward 429.5(d) only) */
    PUBLIC_SAFETY
}
