package org.platewatch.server.hotlist;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which CSV header names hold which field of a list record. Fields: {@code plate} (required),
 * {@code state}, {@code listType}, {@code reason}, {@code make}, {@code model}, {@code color},
 * {@code agency}, {@code caseNumber}, {@code expiry}. A field left out of the mapping is read from
 * the column of the same name, when there is one.
 */
record ColumnMapping(Map<String, String> columns) {

    static final Set<String> FIELDS =
            Set.of("plate", "state", "listType", "reason", "make", "model", "color", "agency", "caseNumber", "expiry");

    ColumnMapping {
        if (columns == null) {
            columns = Map.of();
        }
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (!FIELDS.contains(column.getKey())) {
                throw new IllegalArgumentException("columnMapping: unknown field '" + column.getKey() + "'; fields are "
                        + new java.util.TreeSet<>(FIELDS));
            }
            // Checked before Map.copyOf, whose NullPointerException on a JSON null was a 500 (found by fuzzing).
            if (column.getValue() == null) {
                throw new IllegalArgumentException(
                        "columnMapping: field '" + column.getKey() + "' needs a column name");
            }
        }
        columns = Map.copyOf(columns);
    }

    static ColumnMapping identity() {
        return new ColumnMapping(Map.of());
    }

    String headerFor(String field) {
        return columns.getOrDefault(field, field);
    }

    Map<String, String> effective() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String f : new java.util.TreeSet<>(FIELDS)) {
            all.put(f, headerFor(f));
        }
        return all;
    }
}
