package org.platewatch.server.alert;

import java.util.Map;

/**
 * Published after an alert was committed, on the thread of the upload that raised it. {@code alert}
 * is the alert JSON as the stream sends it (field names as in {@code GET /api/v1/alerts/{id}}).
 */
public record AlertRaised(long alertId, String matchKind, Map<String, Object> alert) {
}
