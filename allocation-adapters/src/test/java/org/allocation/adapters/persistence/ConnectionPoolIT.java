package org.allocation.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.allocation.adapters.testing.TestDatabase;
import org.allocation.service.ports.StorageUnavailable;
import org.junit.jupiter.api.Test;

/**
 * What the pool does with a connection whose server stopped taking writes, as a primary demoted by a failover
 * does: simulated on a real server by a session that is read-only, so that every write fails with SQLSTATE 25006.
 */
class ConnectionPoolIT {

    @Test
    void dropsAConnectionWhoseServerRefusedAWriteAsReadOnlyAndOpensAnother() throws SQLException {
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource pool = ConnectionPool.open(database.jdbcUrl(), database.user(), database.password(),
                     1)) {
            int demoted;
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                demoted = backendOf(statement);
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                connection.commit();
                assertThatThrownBy(() -> statement.execute("CREATE TABLE written (id int)"))
                        .isInstanceOfSatisfying(SQLException.class,
                                refused -> assertThat(refused.getSQLState()).isEqualTo("25006"));
                assertThat(connection.isClosed()).as("dropped at once").isTrue();
            }

            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(backendOf(statement)).as("a new server session").isNotEqualTo(demoted);
                statement.execute("CREATE TABLE written (id int)");
                connection.rollback();
            }
        }
    }

    @Test
    void countsAReadOnlyRefusalAsStorageUnavailableSoThatTheWorkIsTriedAgain() {
        SQLException readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");

        assertThat(PersistenceErrors.translate("Allocating", readOnly)).isInstanceOf(StorageUnavailable.class);
    }

    private static int backendOf(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
