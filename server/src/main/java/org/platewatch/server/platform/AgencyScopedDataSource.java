package org.platewatch.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's connections in hub mode: each one, as the pool hands it out, carries the acting agency
 * ({@link AgencyScope}) in the session setting {@code platewatch.agency}, which the row-level security policies
 * read (V70). Every hand-out sets it, to the empty string when no agency acts, so a value can never outlive the
 * thread that set it on a pooled connection. Outside hub mode this class is not used and no statement is added.
 */
final class AgencyScopedDataSource extends DelegatingDataSource {

    static final String SET_AGENCY = "SELECT set_config('platewatch.agency', ?, false)";

    AgencyScopedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    private static Connection scoped(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SET_AGENCY)) {
            ps.setString(1, AgencyScope.setting());
            ps.execute();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
