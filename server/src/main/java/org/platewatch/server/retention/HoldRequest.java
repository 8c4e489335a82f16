package org.platewatch.server.retention;

import java.util.List;

/**
 * The body of {@code POST /api/v1/holds}: a case number and reason, and either the reads by id or a search whose
 * full result set the hold names. Ids are text here so that a malformed one is named in the refusal.
 */
record HoldRequest(String caseNumber, String reason, List<String> readIds, String searchId) {}
