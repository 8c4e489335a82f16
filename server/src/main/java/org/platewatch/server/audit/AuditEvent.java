package org.platewatch.server.audit;

/**
 * One access or change, as the audit log keeps it.
 *
 * @param action      what was done, dotted and stable (for example {@code device.registered})
 * @param subject     what it was done to, by id (never plate text in logs; the audit row itself may hold terms)
 * @param terms       the search terms or the changed values
 * @param purpose     the stated reason, where the policy asks for one
 * @param caseNumber  the case or incident number, where given
 * @param resultCount how many records the action returned, for searches
 */
public record AuditEvent(
        String action, String subject, String terms, String purpose, String caseNumber, Integer resultCount) {

    public static AuditEvent of(String action, String subject) {
        return new AuditEvent(action, subject, null, null, null, null);
    }

    public AuditEvent withSubject(String newSubject) {
        return new AuditEvent(action, newSubject, terms, purpose, caseNumber, resultCount);
    }

    public AuditEvent withTerms(String newTerms) {
        return new AuditEvent(action, subject, newTerms, purpose, caseNumber, resultCount);
    }
}
