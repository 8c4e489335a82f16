package org.platewatch.server.sharing;

/** What the requesting agency says it wants the data for, as its written request states it. */
enum ReleasePurpose {
    LAW_ENFORCEMENT("A law-enforcement purpose (a criminal investigation, a missing person, ...)"),
    PROSECUTION("The prosecution of a case"),
    /** a government entity's authorised public-safety purpose (Hayward 429.5(d)) */
    PUBLIC_SAFETY("An authorised public-safety purpose"),
    /** never released (California Values Act, Gov. Code § 7284.6; AG bulletin 2023-DLE-06) */
    IMMIGRATION_ENFORCEMENT("Immigration enforcement"),
    OTHER("Any other purpose (civil litigation, research, the press, ...)");

    private final String label;

    ReleasePurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean lawEnforcement() {
        return this == LAW_ENFORCEMENT || this == PROSECUTION;
    }
}
