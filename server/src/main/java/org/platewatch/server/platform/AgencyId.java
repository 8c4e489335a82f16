package org.platewatch.server.platform;

/**
 * One agency of a hub (issue 21 item 3): the owner of reads, alerts, searches, members and devices. A single
 * department is a hub of one agency, {@link #HOME}, and every row is its own. Serializable: a console session holds
 * the member, and so the agency, of its principal.
 */
public record AgencyId(int value) implements java.io.Serializable {

    /** The department running the server; the only agency outside hub mode. */
    public static final AgencyId HOME = new AgencyId(1);

    public AgencyId {
        if (value < 1) {
            throw new IllegalArgumentException("an agency id is positive: " + value);
        }
    }

    /** A principal that belongs to one agency: a member, a device. */
    public interface Owner {
        AgencyId agency();
    }
}
