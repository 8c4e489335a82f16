package org.platewatch.server.policy;

/** Kinds of hot-list source. */
public enum HotlistSource {
    /** FBI National Crime Information Center files (stolen vehicles and plates, wanted, missing, ...) */
    NCIC,
    /** California DOJ Stolen Vehicle System files via CLETS (Vallejo's "SVS, SFR and SLR") */
    CA_DOJ_SVS,
    /** California DMV records, e.g. suspended or revoked registrations */
    CA_DMV,
    /** a regional intelligence centre's list, e.g. NCRIC */
    REGIONAL_INTELLIGENCE_CENTER,
    /** entries made by department members: local BOLOs, partial plates from major crimes */
    DEPARTMENT_BOLO
}
