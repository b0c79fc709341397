package org.allocation.adapters.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool to drop a connection whose server no longer takes writes (SQLSTATE 25006,
 * read_only_sql_transaction): a primary demoted to a standby, or one that a failover left behind. HikariCP drops
 * connections on connection errors (class 08, shutdowns) by itself, but a read-only server answers, so without this
 * the connection would go back to the pool and fail every unit of work after it. Its replacement is opened through
 * the URL's hosts again, and {@code targetServerType=primary} picks the one that is the primary now.
 */
public final class ReadOnlyServerEviction implements SQLExceptionOverride {

    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && READ_ONLY_SQL_TRANSACTION.equals(sql.getSQLState())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
