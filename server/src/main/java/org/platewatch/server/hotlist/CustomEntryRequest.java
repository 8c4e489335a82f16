package org.platewatch.server.hotlist;

/**
 * A department member's hot-list entry (a BOLO), or a change to one.
 *
 * @param plate       full plate, or a partial one: {@code ?} one unknown character, {@code *} any run; left
 *                    out (or blank) for a vehicle-only entry, matched on {@code vehicle} alone
 * @param state       issuing state; required with a full plate, optional otherwise
 * @param vehicle     what the vehicle looks like: shown with the alert of a plate entry; for a vehicle-only
 *                    entry at least two of make, model and color, all of which a read must agree with
 * @param reason      why it is wanted; "Department BOLO" when left out
 * @param caseNumber  the related case number (required)
 * @param synopsis    a short synopsis of the originating call (required)
 * @param expiresAt   when it stops matching: an ISO instant, or a date meaning the end of that day in the
 *                    department's zone (required)
 */
record CustomEntryRequest(
        String plate,
        String state,
        Vehicle vehicle,
        String reason,
        String caseNumber,
        String synopsis,
        String expiresAt) {

    record Vehicle(String make, String model, String color) {

        /** How many of make, model and color are given (not blank). */
        int attributeCount() {
            return org.platewatch.plate.VehicleDescription.of(make, model, color)
                    .attributeCount();
        }
    }
}
