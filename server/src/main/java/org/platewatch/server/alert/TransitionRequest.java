package org.platewatch.server.alert;

/**
 * The body of {@code POST /api/v1/alerts/{id}/transitions}. Which fields are required depends on {@code to}:
 * <ul>
 *   <li>TENTATIVE: {@code charactersVerified}, {@code stateVerified}, {@code vehicleVerified}, all true;
 *   <li>QUERIED: {@code result} of the live query ({@code system} defaults to CLETS; {@code reference} optional);
 *       the member must be CLETS-authorised;
 *   <li>CONFIRMED: {@code confirmedWith} (the entering agency or person) and {@code method} (how);
 *   <li>NOT_CONFIRMED: {@code reason};
 *   <li>MISREAD: {@code note} optional;
 *   <li>CLEARED: {@code outcome} ({@link StopOutcome}) and {@code incidentNumber}.
 * </ul>
 */
record TransitionRequest(String to, Boolean charactersVerified, Boolean stateVerified, Boolean vehicleVerified,
        String system, String result, String reference, String confirmedWith, String method, String reason,
        String outcome, String incidentNumber, String note) {
}
