package org.platewatch.server.policy;

/** What an officer must do before acting on an alert. */
public enum AlertVerification {
    /** confirm the hot-list status and visually verify plate and state, no exception (Alameda 462.3(b)7) */
    REQUIRED,
    /** confirm through CLETS before enforcement action, absent exigent circumstances */
    REQUIRED_ABSENT_EXIGENCY,
    /** "if practicable, the officer should verify ... through CLETS" */
    IF_PRACTICABLE
}
