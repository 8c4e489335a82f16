package org.platewatch.server.policy;

/** What the retention figure in the policy text binds. */
public enum RetentionBound {
    /** "stored for X, and thereafter shall be purged": purge when the age reaches X, not before, not after. */
    PURGE_AT,
    /** "no longer than X": purge by age X at the latest; a department may choose a shorter period. */
    AT_MOST,
    /** "a minimum of X": never purge before age X; a department may keep longer under its records schedule. */
    AT_LEAST,
    /** kept without a purge age (Hayward's hit records). */
    INDEFINITE
}
