package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

/**
 * Rules for entries that department members add to hot lists.
 *
 * @param caseNumberRequired             each entry carries the related case number
 * @param synopsisRequired               each entry carries a short synopsis of the originating call
 * @param updateNeedsSupervisorApproval  an update is approved by the member's immediate supervisor
 * @param newListApproverTitle           who approves a new specific hot list before its first entry
 */
public record CustomEntryRules(
        boolean caseNumberRequired,
        boolean synopsisRequired,
        boolean updateNeedsSupervisorApproval,
        String newListApproverTitle) {

    public CustomEntryRules {
        requireText(newListApproverTitle, "newListApproverTitle");
    }
}
