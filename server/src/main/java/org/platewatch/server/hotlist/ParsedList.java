package org.platewatch.server.hotlist;

import java.time.Instant;
import java.util.List;

/**
 * A list file that parsed completely.
 *
 * @param records             the records to load
 * @param recordsInFile       every record the file held, including dropped ones
 * @param droppedImmigration  records of an immigration category, dropped under the California Values Act
 * @param asOf                the date the file says it was extracted, or null when it does not say
 */
record ParsedList(List<ImportedRecord> records, int recordsInFile, int droppedImmigration, Instant asOf) {}
