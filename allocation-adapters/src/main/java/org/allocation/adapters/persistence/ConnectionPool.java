package org.allocation.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.allocation.adapters.config.InvalidSetting;
import org.allocation.adapters.config.Settings;
import org.postgresql.Driver;

/**
 * The pool of PostgreSQL connections that the unit of work and the read model share.
 *
 * <p>Every connection runs at REPEATABLE READ, as in the book: a transaction sees one snapshot, and one that
 * updates a product changed by a concurrent transaction fails instead of overwriting it.
 */
public final class ConnectionPool {

    /** How long a caller waits for a connection before the store counts as unavailable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private ConnectionPool() {
    }

    /**
     * Opens a pool; it connects on first use, so that a database that is down at start-up is reported by
     * whoever needs it (as {@link org.allocation.service.ports.StorageUnavailable}), not here.
     *
     * @throws InvalidSetting when the URL is not one the PostgreSQL driver understands
     */
    public static HikariDataSource open(Settings settings) {
        return open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings.dbPoolSize());
    }

    public static HikariDataSource open(String url, String user, String password, int size) {
        if (Driver.parseURL(url, null) == null) {
            throw new InvalidSetting("ALLOCATION_DB_URL is not a valid PostgreSQL JDBC URL");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("allocation-db");
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        // Connections leave the pool already in a transaction's mode, and Hibernate is told so
        // (HibernateSessions): no setAutoCommit round trip before and after every unit of work.
        config.setAutoCommit(false);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        // A connection to a server that went read-only (demoted by a failover) is dropped, not reused.
        config.setExceptionOverride(new ReadOnlyServerEviction());
        // Start without a connection: the first user finds out whether the database is there.
        config.setInitializationFailTimeout(-1);
        // Bounds the time a dead server can hold a thread; the URL may still override them.
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("ApplicationName", "allocation");
        return new HikariDataSource(config);
    }
}
