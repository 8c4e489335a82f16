package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

import java.util.Objects;

/**
 * A copy of the department's ALPR data that someone else holds: a vendor's cloud (Vallejo 426.4: Flock Safety keeps
 * the data 30 days), a regional centre's server (San Leandro 418.5: the NCRIC server, one year). Platewatch does not
 * purge it; the profile records it so that the public page and the audit report say where the data also lives and
 * for how long.
 *
 * @param holder    who holds the copy, e.g. "Flock Safety (the ALPR vendor)"
 * @param what      what the copy holds, e.g. "all ALPR data (data hosting)"
 * @param retention how long the holder keeps it, by the policy or the agreement
 * @param source    the policy section or agreement that says so, e.g. "426.4"
 */
public record ExternalCopy(String holder, String what, Retention retention, String source) {

    public ExternalCopy {
        requireText(holder, "holder");
        requireText(what, "what");
        Objects.requireNonNull(retention, "retention");
        requireText(source, "source");
    }
}
