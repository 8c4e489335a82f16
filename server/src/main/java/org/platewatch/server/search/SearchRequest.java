package org.platewatch.server.search;

import java.util.List;

/**
 * The body of {@code POST /api/v1/searches}, as sent; {@link SearchRequestValidator} turns it into a
 * {@link ValidSearch} or refuses it naming the field. Times are strings so that a bad one is reported by name.
 *
 * @param caseNumber the case or incident number the search is for
 * @param purpose    a {@link SearchPurpose} code
 * @param reason     what the search is for, in the member's words
 * @param from       an ISO instant ({@code 2026-11-30T18:00:00Z}), or a local date-time in the department's zone
 *                   ({@code 2026-11-30T10:00}, as a browser's date-time field gives it)
 * @param to         as {@code from}; the window's end, exclusive
 * @param pageSize   results per page, 1 to {@value SearchRequestValidator#MAX_PAGE_SIZE} (default 50)
 */
record SearchRequest(
        String caseNumber,
        String purpose,
        String reason,
        String plate,
        String state,
        String from,
        String to,
        Area area,
        List<String> cameras,
        Vehicle vehicle,
        Boolean confusable,
        Integer pageSize) {

    /** A circle ({@code latitude}, {@code longitude}, {@code radiusMeters}) or a {@code polygon} of [lat, lon]. */
    record Area(Double latitude, Double longitude, Double radiusMeters, List<List<Double>> polygon) {}

    record Vehicle(String make, String model, String color) {}
}
