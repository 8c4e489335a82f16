package org.platewatch.server.hotlist;

/**
 * What a member without CLETS authorisation is told in place of a CLETS-derived list's data (an alert's plate,
 * entry and image; a list's entries): that the data exists, why it is withheld and whom to ask.
 * Which lists are CLETS-derived is {@link org.platewatch.server.policy.HotlistSource#cletsDerived()}.
 *
 * @param reason why the details are withheld, naming the list
 * @param askFor who may look them up: a CLETS-authorised member
 */
public record CletsWithheld(String reason, String askFor) {

    /** Whom a member without CLETS authorisation asks; the ALPR administrator is also who grants it. */
    public static final String ASK_FOR = "a CLETS-authorised member: your supervisor or the ALPR administrator";

    public static CletsWithheld of(String listName) {
        return new CletsWithheld(
                "'" + listName + "' is CLETS-derived (CA DOJ or NCIC): its plates and entry "
                        + "details are shown only to CLETS-authorised members, and this account is not one",
                ASK_FOR);
    }

    /** The same as one sentence, for a problem's detail. */
    public String sentence() {
        return reason + "; ask " + askFor;
    }
}
