package org.platewatch.server.users;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of training records: who completed which course, when, recorded by whom. */
@Repository
class TrainingStore {

    private final JdbcClient jdbc;

    TrainingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertTraining(UUID userId, TrainingRecord record, String recordedBy, Instant at) {
        jdbc.sql("""
                        INSERT INTO training_records (user_id, completed_on, course, trainer, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        userId,
                        Date.valueOf(record.completedOn()),
                        record.course(),
                        record.trainer(),
                        recordedBy,
                        Timestamp.from(at))
                .update();
    }

    /** Newest first. */
    List<TrainingRecord> trainingRecords(String username) {
        return jdbc.sql("""
                        SELECT t.completed_on, t.course, t.trainer FROM training_records t JOIN users u ON u.id = t.user_id
                        WHERE u.username = ? ORDER BY t.completed_on DESC, t.id DESC
                        """)
                .param(username)
                .query((rs, n) -> new TrainingRecord(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3)))
                .list();
    }
}
