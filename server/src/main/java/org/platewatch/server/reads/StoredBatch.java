package org.platewatch.server.reads;

import java.util.List;

/** The outcome of storing a batch: the detections that were new, and how many had been stored before. */
public record StoredBatch(List<NewDetection> accepted, int duplicates) {}
