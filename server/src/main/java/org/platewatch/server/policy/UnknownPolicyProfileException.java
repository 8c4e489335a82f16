package org.platewatch.server.policy;

import java.util.Collection;

/** Start-up fails with this when {@code platewatch.policy.profile} names no shipped profile. */
public class UnknownPolicyProfileException extends IllegalStateException {

    public UnknownPolicyProfileException(String name, Collection<String> validNames) {
        super("Unknown policy profile '" + name + "' in platewatch.policy.profile; valid profiles are: "
                + String.join(", ", validNames));
    }
}
