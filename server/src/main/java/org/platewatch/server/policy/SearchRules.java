package org.platewatch.server.policy;

/**
 * What a detection search must state.
 *
 * @param reasonRequired      a stated purpose; always true (Civil Code § 1798.90.52(a)(4))
 * @param caseNumberRequired  a case or incident number
 */
public record SearchRules(boolean reasonRequired, boolean caseNumberRequired) {

    public SearchRules {
        if (!reasonRequired) {
            throw new IllegalArgumentException(
                    "Civil Code § 1798.90.52(a)(4) requires the purpose of every access to be recorded");
        }
    }
}
