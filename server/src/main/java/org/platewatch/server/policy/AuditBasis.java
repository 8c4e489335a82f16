package org.platewatch.server.policy;

/** How the audit due date is counted. */
public enum AuditBasis {
    /** an audit is due {@code interval} after the previous one */
    ROLLING,
    /** at least one audit in every calendar year of the department's zone (Vallejo 426.7) */
    CALENDAR_YEAR
}
