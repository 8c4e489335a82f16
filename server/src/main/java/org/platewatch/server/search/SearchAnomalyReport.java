package org.platewatch.server.search;

import java.time.Instant;
import java.util.List;

/**
 * The search review: the flags raised over a window, and the rule behind each kind, so that a reader sees why a
 * flag is there and what was not flagged.
 *
 * @param zone      the department's zone, in which the hours of the day are counted
 * @param anomalies the flags, by kind in the order of {@link SearchAnomalyKind}
 */
record SearchAnomalyReport(Instant from, Instant to, String zone, List<Rule> rules, List<SearchAnomaly> anomalies) {

    SearchAnomalyReport {
        rules = List.copyOf(rules);
        anomalies = List.copyOf(anomalies);
    }

    /** A kind of flag and the rule that raises it. */
    record Rule(SearchAnomalyKind kind, String label, String rule) {}

    /** The flags of one kind, for the console's grouping. */
    List<SearchAnomaly> of(SearchAnomalyKind kind) {
        return anomalies.stream().filter(a -> a.kind() == kind).toList();
    }
}
