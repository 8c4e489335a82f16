package org.platewatch.server.hub;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.ShippedProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the hub's agencies and agreements (V70). */
@Repository
class HubStore {

    private static final String AGREEMENT = """
            SELECT a.id, g.code AS grantor, r.code AS grantee, a.starts_on, a.ends_on, a.recorded_by, a.withdrawn_at
            FROM hub_agreements a JOIN hub_agencies g ON g.id = a.grantor_id JOIN hub_agencies r ON r.id = a.grantee_id
            """;

    private final JdbcClient jdbc;
    private final DepartmentProfile inForce;

    HubStore(JdbcClient jdbc, DepartmentProfile inForce) {
        this.jdbc = jdbc;
        this.inForce = inForce;
    }

    /**
     * Registers an agency; {@code profile} null when it follows the profile in force, else with the retention and
     * zone the database checks its purge against (V71). Answers 0 when the code is taken.
     */
    int register(String code, String name, DepartmentProfile profile, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO hub_agencies (code, name, profile, detection_retention, zone, registered_by,
                                                  registered_at)
                        VALUES (?, ?, ?, ?::interval, ?, ?, ?)
                        ON CONFLICT (code) DO NOTHING RETURNING id
                        """)
                .params(
                        code,
                        name,
                        profile == null ? null : profile.key(),
                        profile == null
                                ? null
                                : profile.detectionRetention()
                                        .purgeAfter()
                                        .map(Period::toString)
                                        .orElseThrow(),
                        profile == null ? null : profile.zone().getId(),
                        by,
                        Timestamp.from(at))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    List<HubAgency> agencies() {
        return jdbc.sql("SELECT id, code, name, registered_at, profile FROM hub_agencies ORDER BY id")
                .query(this::agencyRow)
                .list();
    }

    Optional<HubAgency> agency(String code) {
        return jdbc.sql("SELECT id, code, name, registered_at, profile FROM hub_agencies WHERE code = ?")
                .param(code)
                .query(this::agencyRow)
                .optional();
    }

    long recordAgreement(int grantor, int grantee, LocalDate startsOn, LocalDate endsOn, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO hub_agreements (grantor_id, grantee_id, starts_on, ends_on, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        grantor,
                        grantee,
                        starts(startsOn),
                        endsOn == null ? null : starts(endsOn),
                        by,
                        Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    /** Withdraws an agreement the grantor made; false when it has none by that id still in force. */
    boolean withdraw(long id, int grantor, String by, Instant at) {
        return jdbc.sql("""
                        UPDATE hub_agreements SET withdrawn_by = ?, withdrawn_at = ?
                        WHERE id = ? AND grantor_id = ? AND withdrawn_at IS NULL
                        """).params(by, Timestamp.from(at), id, grantor).update() == 1;
    }

    /** The agreements an agency made or received. */
    List<HubAgreement> agreementsOf(int agency) {
        return jdbc.sql(AGREEMENT + " WHERE a.grantor_id = ? OR a.grantee_id = ? ORDER BY a.id")
                .params(agency, agency)
                .query(HubStore::agreement)
                .list();
    }

    Optional<HubAgreement> agreement(long id) {
        return jdbc.sql(AGREEMENT + " WHERE a.id = ?")
                .param(id)
                .query(HubStore::agreement)
                .optional();
    }

    private static java.sql.Date starts(LocalDate day) {
        return java.sql.Date.valueOf(day);
    }

    private HubAgency agencyRow(ResultSet rs, int row) throws SQLException {
        String profile = rs.getString("profile");
        return new HubAgency(
                rs.getInt("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getTimestamp("registered_at").toInstant(),
                profile,
                ShippedProfiles.byName(profile)
                        .orElse(inForce)
                        .detectionRetention()
                        .describe());
    }

    private static HubAgreement agreement(ResultSet rs, int row) throws SQLException {
        java.sql.Date ends = rs.getDate("ends_on");
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new HubAgreement(
                rs.getLong("id"),
                rs.getString("grantor"),
                rs.getString("grantee"),
                rs.getDate("starts_on").toLocalDate(),
                ends == null ? null : ends.toLocalDate(),
                rs.getString("recorded_by"),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
