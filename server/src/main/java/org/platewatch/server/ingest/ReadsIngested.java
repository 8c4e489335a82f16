package org.platewatch.server.ingest;

import java.util.List;
import org.platewatch.server.reads.NewDetection;

/** Published after a batch of new reads has been committed; the alert feature matches them against the hot lists. */
public record ReadsIngested(Device device, List<NewDetection> reads) {}
