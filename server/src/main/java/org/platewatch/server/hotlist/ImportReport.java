package org.platewatch.server.hotlist;

import java.time.Instant;

/**
 * The counts of an accepted import.
 *
 * @param records             records in the file
 * @param loaded              entries now in force for the list
 * @param droppedImmigration  records of an immigration category dropped under the California Values Act
 * @param asOf                the date of the data
 */
public record ImportReport(
        long importId, long hotlistId, int records, int loaded, int droppedImmigration, Instant asOf) {}
