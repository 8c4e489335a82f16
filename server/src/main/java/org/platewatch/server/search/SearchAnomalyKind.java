package org.platewatch.server.search;

/**
 * The kinds of unusual searching the review flags for the ALPR administrator and the auditor (issue 16). Each
 * says, in the review's words, the rule that raises it with the thresholds in force.
 */
enum SearchAnomalyKind {
    SAME_PLATE_MANY_CASES("Same plate under different cases") {
        @Override
        String rule(SearchAnomalyProperties p) {
            return "One member searched the same plate (or the same partial plate) under " + p.samePlateMinCases()
                    + " or more different case numbers in the last " + p.windowText() + ".";
        }
    },
    FAR_ABOVE_PEERS("Far more searches than peers") {
        @Override
        String rule(SearchAnomalyProperties p) {
            return "A member made more than " + p.peerFactor() + " × the median number of searches of the other"
                    + " members who searched in the last " + p.windowText() + ", and at least " + p.peerMinSearches()
                    + " searches.";
        }
    },
    SAME_VAGUE_REASON("Same vague reason") {
        @Override
        String rule(SearchAnomalyProperties p) {
            return p.sameReasonMinSearches() + " or more searches (all members together) in the last "
                    + p.windowText() + " gave the same vague reason: after ignoring case, spaces and punctuation,"
                    + " shorter than " + p.vagueReasonLength() + " characters or made only of general words"
                    + " (\"investigation\", \"case\", \"follow up\", \"n/a\", \"info\", ...).";
        }
    },
    OUTSIDE_USUAL_HOURS("Outside the member's usual hours") {
        @Override
        String rule(SearchAnomalyProperties p) {
            return "A member with at least " + p.hoursMinHistory() + " searches in the last " + p.windowText()
                    + " searched in an hour of the day (the department's time zone) when they rarely search: their"
                    + " least-used hours, taken together while they hold under " + p.rareHoursPercent()
                    + " % of the member's searches (hours with equal counts count together or not at all).";
        }
    };

    private final String label;

    SearchAnomalyKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The rule that raises this flag, with the thresholds in force. */
    abstract String rule(SearchAnomalyProperties properties);
}
