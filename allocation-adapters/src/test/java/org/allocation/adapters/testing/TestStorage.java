package org.allocation.adapters.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.allocation.adapters.config.Persistence;
import org.allocation.adapters.persistence.ConnectionPool;
import org.allocation.adapters.persistence.hibernate.HibernateSessions;
import org.allocation.adapters.persistence.hibernate.HibernateUnitOfWorkFactory;
import org.allocation.adapters.persistence.migrations.Migrations;
import org.allocation.adapters.persistence.sql.SqlUnitOfWorkFactory;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated {@link TestDatabase} with the pool and Hibernate session factory on it, plus plain-SQL helpers
 * to arrange rows and look at them. Close it to drop the database; registered as a JUnit extension, it is
 * closed after the test class:
 * <pre>{@code
 * @RegisterExtension
 * static final TestStorage storage = TestStorage.create();
 * }</pre>
 */
public final class TestStorage implements AutoCloseable, AfterAllCallback {

    private final TestDatabase database;
    private final HikariDataSource pool;
    private final SessionFactory sessions;

    private TestStorage(TestDatabase database, HikariDataSource pool, SessionFactory sessions) {
        this.database = database;
        this.pool = pool;
        this.sessions = sessions;
    }

    public static TestStorage create() {
        TestDatabase database = TestDatabase.create();
        HikariDataSource pool = ConnectionPool.open(database.jdbcUrl(), database.user(), database.password(), 10);
        Migrations.migrate(pool);
        return new TestStorage(database, pool, HibernateSessions.build(pool));
    }

    public TestDatabase database() {
        return database;
    }

    public HikariDataSource pool() {
        return pool;
    }

    public SessionFactory sessions() {
        return sessions;
    }

    /** Units of work as the processes make them by default. */
    public UnitOfWorkFactory unitsOfWork() {
        return unitsOfWork(Persistence.SQL);
    }

    public UnitOfWorkFactory unitsOfWork(Persistence persistence) {
        return switch (persistence) {
            case SQL -> new SqlUnitOfWorkFactory(pool);
            case HIBERNATE -> new HibernateUnitOfWorkFactory(sessions);
        };
    }

    /** Runs and commits one statement with positional parameters. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            int changed = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return changed;
        } catch (SQLException failure) {
            throw new IllegalStateException(sql, failure);
        }
    }

    /** The rows of a query, each as a list of its column values. */
    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException failure) {
            throw new IllegalStateException(sql, failure);
        }
    }

    /** The single value of a query that returns one row of one column. */
    public Object value(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int index = 0; index < parameters.length; index++) {
            statement.setObject(index + 1, parameters[index]);
        }
        return statement;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
        database.close();
    }
}
