package org.platewatch.server.retention;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the day seals ({@code sealed_days}, V67); the database functions write them, the application reads. */
@Repository
class SealStore {

    private final JdbcClient jdbc;

    SealStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The days among {@code days} that have no seal (never sealed, or voided by a write since). */
    List<LocalDate> unsealed(List<LocalDate> days) {
        return jdbc.sql("""
                        SELECT d FROM unnest(?::date[]) AS d
                        WHERE NOT EXISTS (SELECT 1 FROM sealed_days s WHERE s.day = d)
                        ORDER BY d
                        """)
                .param(days.stream().map(LocalDate::toString).toArray(String[]::new))
                .query(LocalDate.class)
                .list();
    }

    /** Seals the day (its own transaction: it holds a SHARE lock on the partition while it hashes). */
    boolean seal(LocalDate utcDay) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT seal_detection_partition(?)")
                .param(utcDay)
                .query(Boolean.class)
                .single());
    }

    boolean sealed(LocalDate utcDay) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sealed_days WHERE day = ?)")
                .param(utcDay)
                .query(Boolean.class)
                .single();
    }
}
