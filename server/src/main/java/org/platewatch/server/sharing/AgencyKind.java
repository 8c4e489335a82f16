package org.platewatch.server.sharing;

/** What kind of body an agency is: with its state and federal mark, it decides what the agency may receive. */
enum AgencyKind {
    LAW_ENFORCEMENT("Law enforcement agency"),
    PROSECUTOR("Prosecutor's office"),
    /** a regional intelligence centre (NCRIC); receives data only under the profile's standing agreement */
    REGIONAL_CENTRE("Regional intelligence centre"),
    OTHER_PUBLIC_AGENCY("Other public agency"),
    PRIVATE("Private person or company");

    private final String label;

    AgencyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
