package org.platewatch.server.search;

/**
 * A search request that passed validation: why it is made, what it looks for, how many results a page holds.
 *
 * @param caseNumber the case or incident number, or null where the profile does not require one and none was given
 */
record ValidSearch(String caseNumber, SearchPurpose purpose, String reason, SearchCriteria criteria, int pageSize) {}
