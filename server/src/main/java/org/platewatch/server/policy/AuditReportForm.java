package org.platewatch.server.policy;

/** How a periodic audit's report is written, and to whom. */
public enum AuditReportForm {
    /** a report: the audit's window, the sample and its findings, long-held data, corrected errors */
    STANDARD("", ""),
    /**
     * an internal department memorandum to the Chief of Police from the auditor, with the findings and any data
     * errors, filed and retained by the Professional Standards Division after the Chief's review (Vallejo "462.7")
     */
    MEMO("Chief of Police", "Professional Standards Division (PSD)");

    private final String addressedTo;
    private final String filedBy;

    AuditReportForm(String addressedTo, String filedBy) {
        this.addressedTo = addressedTo;
        this.filedBy = filedBy;
    }

    /** Whom a memorandum goes to; blank for a standard report. */
    public String addressedTo() {
        return addressedTo;
    }

    /** Who files and keeps the memorandum after review; blank for a standard report. */
    public String filedBy() {
        return filedBy;
    }
}
