package org.allocation.adapters.persistence;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.allocation.service.ports.ConcurrencyConflict;
import org.allocation.service.ports.StorageUnavailable;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Turns what Hibernate, HikariCP and the JDBC driver throw into the service layer's own errors, so that no
 * persistence type crosses a port: a lost race becomes {@link ConcurrencyConflict} (the bus retries it), an
 * unreachable server {@link StorageUnavailable}, anything else {@link StorageFailure}.
 */
public final class PersistenceErrors {

    /** PostgreSQL's codes for a transaction that lost to a concurrent one. */
    private static final Set<String> LOST_RACE = Set.of(
            "40001", // serialization_failure: a concurrent transaction updated the same row
            "40P01", // deadlock_detected
            "23505"); // unique_violation: a concurrent transaction created the same product or batch

    /**
     * Codes, besides the whole class 08 (connection exception), of a server that is gone, going, or cannot take
     * writes: each is worth trying again on another connection.
     */
    private static final Set<String> UNREACHABLE = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up or shutting down
            "53300", // too_many_connections
            // read_only_sql_transaction: the server is a standby now (a failover demoted it, or the URL has no
            // targetServerType=primary); the pool drops the connection (ReadOnlyServerEviction) and the next one
            // goes to the primary.
            ReadOnlyServerEviction.READ_ONLY_SQL_TRANSACTION);

    private PersistenceErrors() {
    }

    public static RuntimeException translate(String doing, Throwable failure) {
        if (failure instanceof ConcurrencyConflict || failure instanceof StorageUnavailable
                || failure instanceof StorageFailure) {
            return (RuntimeException) failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return new ConcurrencyConflict(doing + ": the product changed meanwhile", failure);
            }
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException) {
                return new StorageUnavailable(doing + ": the database cannot be reached", failure);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (LOST_RACE.contains(state)) {
                    return new ConcurrencyConflict(doing + ": a concurrent transaction won (SQLSTATE " + state + ")",
                            failure);
                }
                if (state.startsWith("08") || UNREACHABLE.contains(state)) {
                    return new StorageUnavailable(doing + ": the database cannot be reached (SQLSTATE " + state + ")",
                            failure);
                }
            }
        }
        return new StorageFailure(doing + " failed: " + failure.getMessage(), failure);
    }
}
