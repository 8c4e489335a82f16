package org.platewatch.server.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of agencies, standing agreements and the sharing settings last seen. */
@Repository
class SharingStore {

    private static final String AGENCY =
            "SELECT id, name, kind, state, federal, contact, registered_by, registered_at FROM sharing_agencies";
    private static final String AGREEMENT = """
            SELECT id, agency_id, mou_date, scope, starts_on, ends_on, recorded_by, recorded_at, changed_by, changed_at,
                   withdrawn_by, withdrawn_at FROM sharing_agreements""";

    private final JdbcClient jdbc;

    SharingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long registerAgency(
            String name, AgencyKind kind, String state, boolean federal, String contact, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO sharing_agencies (name, kind, state, federal, contact, registered_by, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(name, kind.name(), state, federal, contact, by, Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    Optional<Agency> agency(long id) {
        return jdbc.sql(AGENCY + " WHERE id = ?")
                .param(id)
                .query(SharingStore::agency)
                .optional();
    }

    List<Agency> agencies() {
        return jdbc.sql(AGENCY + " ORDER BY name, id")
                .query(SharingStore::agency)
                .list();
    }

    long recordAgreement(
            long agencyId, LocalDate mou, String scope, LocalDate startsOn, LocalDate endsOn, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO sharing_agreements (agency_id, mou_date, scope, starts_on, ends_on, recorded_by,
                                                        recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(agencyId, mou, scope, startsOn, endsOn, by, Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    void changeAgreement(
            long id, LocalDate mou, String scope, LocalDate startsOn, LocalDate endsOn, String by, Instant at) {
        jdbc.sql("""
                        UPDATE sharing_agreements SET mou_date = ?, scope = ?, starts_on = ?, ends_on = ?, changed_by = ?,
                                                      changed_at = ?
                        WHERE id = ?""")
                .params(mou, scope, startsOn, endsOn, by, Timestamp.from(at), id)
                .update();
    }

    void withdrawAgreement(long id, String by, Instant at) {
        jdbc.sql(
                        "UPDATE sharing_agreements SET withdrawn_by = ?, withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL")
                .params(by, Timestamp.from(at), id)
                .update();
    }

    Optional<Agreement> agreement(long id) {
        return jdbc.sql(AGREEMENT + " WHERE id = ?")
                .param(id)
                .query(SharingStore::agreement)
                .optional();
    }

    /** The agreement, locked for a change until the transaction ends. */
    Optional<Agreement> agreementForUpdate(long id) {
        return jdbc.sql(AGREEMENT + " WHERE id = ? FOR UPDATE")
                .param(id)
                .query(SharingStore::agreement)
                .optional();
    }

    List<Agreement> agreements() {
        return jdbc.sql(AGREEMENT + " ORDER BY starts_on DESC, id DESC")
                .query(SharingStore::agreement)
                .list();
    }

    List<Agreement> agreementsOf(long agencyId) {
        return jdbc.sql(AGREEMENT + " WHERE agency_id = ?")
                .param(agencyId)
                .query(SharingStore::agreement)
                .list();
    }

    Optional<String> settingsSeen() {
        return jdbc.sql("SELECT settings FROM sharing_settings_seen")
                .query(String.class)
                .optional();
    }

    void settingsSeen(String settings, Instant at) {
        jdbc.sql("""
                        INSERT INTO sharing_settings_seen (settings, seen_at) VALUES (?, ?)
                        ON CONFLICT (singleton) DO UPDATE SET settings = EXCLUDED.settings, seen_at = EXCLUDED.seen_at""").params(settings, Timestamp.from(at)).update();
    }

    private static Agency agency(ResultSet rs, int n) throws SQLException {
        return new Agency(
                rs.getLong("id"),
                rs.getString("name"),
                AgencyKind.valueOf(rs.getString("kind")),
                rs.getString("state"),
                rs.getBoolean("federal"),
                rs.getString("contact"),
                rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant());
    }

    private static Agreement agreement(ResultSet rs, int n) throws SQLException {
        return new Agreement(
                rs.getLong("id"),
                rs.getLong("agency_id"),
                rs.getObject("mou_date", LocalDate.class),
                rs.getString("scope"),
                rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class),
                rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("changed_by"),
                instant(rs, "changed_at"),
                rs.getString("withdrawn_by"),
                instant(rs, "withdrawn_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
