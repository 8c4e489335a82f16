package org.platewatch.server.policy;

/**
 * Rules for entries that department members add to hot lists (a BOLO). Approving a new entry before it is in force is
 * the ALPR administrator's or designee's (the {@code ADMINISTRATOR} role) in every profile, as Vallejo 426.4(f)(5) asks
 * for a new specific list, so it is not a setting.
 *
 * @param caseNumberRequired             each entry carries the related case number
 * @param synopsisRequired               each entry carries a short synopsis of the originating call
 * @param updateNeedsSupervisorApproval  a member's change to an entry waits for a supervisor's approval (never
 *                                       the member's own) before it is in force; when false it is in force at once
 */
public record CustomEntryRules(
        boolean caseNumberRequired, boolean synopsisRequired, boolean updateNeedsSupervisorApproval) {}
