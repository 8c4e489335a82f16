package org.platewatch.server.policy;

/** Kinds of hot-list source. */
public enum HotlistSource {
    /** FBI National Crime Information Center files (stolen vehicles and plates, wanted, missing, ...) */
    NCIC(true),
    /** California DOJ Stolen Vehicle System files via CLETS (Vallejo's "SVS, SFR and SLR") */
    CA_DOJ_SVS(true),
    /** California DMV records, e.g. suspended or revoked registrations */
    CA_DMV(false),
    /** a regional intelligence centre's list, e.g. NCRIC */
    REGIONAL_INTELLIGENCE_CENTER(false),
    /** entries made by department members: local BOLOs, partial plates from major crimes */
    DEPARTMENT_BOLO(false);

    private final boolean cletsDerived;

    HotlistSource(boolean cletsDerived) {
        this.cletsDerived = cletsDerived;
    }

    /**
     * Whether the list's entries, and the hits on them, are CLETS-derived data: only a member with CLETS
     * authorisation ({@code users.Permission.QUERY_CLETS}) sees their plates and entry fields. The one place
     * that says which kinds are.
     *
     * <p>NCIC and the CA DOJ SVS files reach the department through CLETS (Vallejo 426.4(f)(4): "SVS, SFR and
     * SLR"), and the policies forbid any operator CLETS data unless authorised (Hayward 429.3(d), Richmond
     * 462.3(e): "No ALPR operator may access California Law Enforcement Telecommunications System (CLETS) data
     * unless otherwise authorized to do so"). The department's own BOLOs are entered by its members (Alameda
     * 462.3(b)1, San Leandro 418.4(c)), so they are not. No policy calls the DMV's suspended or revoked
     * registrations (Alameda 462.3(b)2) or a regional centre's list (San Leandro 418.2, the NCRIC MOU) CLETS
     * data; the sentence that "data may contain confidential CLETS information" (Alameda, Hayward, Richmond,
     * San Leandro retention sections) is about all ALPR data being closed to public review, not about which
     * members may see a list, so it does not make every list CLETS-derived.
     */
    public boolean cletsDerived() {
        return cletsDerived;
    }
}
