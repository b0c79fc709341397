package org.allocation.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer lease as a PostgreSQL session advisory lock, held on a connection of its own (never one of the
 * pool's: the lock lives exactly as long as this session).
 *
 * <ul>
 *   <li><b>The holder dies</b>: its connection closes with the process and the server frees the lock at
 *       once, so a standby's next {@link #tryAcquire()} wins it.</li>
 *   <li><b>The holder vanishes without closing</b> (its host is gone, the network is cut, the process is
 *       frozen): the session is opened with {@code idle_session_timeout} set to {@code timeout}, so the
 *       server ends it, and frees the lock, once it has heard nothing for that long. A live holder confirms
 *       every second or so, which keeps the session busy enough; each confirmation may wait at most half the
 *       timeout for its answer, so a holder that cannot reach the server steps down before the server frees
 *       the lock.</li>
 *   <li><b>The primary fails over</b>: the lock was on the old primary, and the connection to it breaks. The
 *       holder's next confirmation fails, and every consumer tries again through the same URL, which (with
 *       {@code targetServerType=primary}) leads to the new primary. A server in recovery (a replica) also
 *       takes advisory locks, so the lease is never taken, or kept, on one.</li>
 * </ul>
 *
 * <p>The lock is per database: one deployment, one database, one active consumer.
 */
final class PostgresLease implements ConsumerLease {

    /** "alloccon" in ASCII, beside the migrations' "allocmig" and the outbox relay's "allocout". */
    static final long KEY = 0x616c6c6f63636f6eL;

    private static final Logger log = LoggerFactory.getLogger(PostgresLease.class);
    private static final String UNDEFINED_OBJECT = "42704";

    private final String url;
    private final Properties properties;
    private final Duration timeout;
    private final long key;
    private Connection connection;
    private boolean held;
    private boolean idleTimeoutUnsupportedLogged;

    /**
     * @param timeout how long the server keeps the lease of a holder it no longer hears from
     * @param key     the advisory lock's key: {@link #KEY}, or another for tests that share a database
     */
    PostgresLease(String url, String user, String password, Duration timeout, long key) {
        this.url = url;
        this.timeout = timeout;
        this.key = key;
        this.properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "allocation-consumer-lease");
        long waitSeconds = Math.max(1, timeout.dividedBy(2).toSeconds());
        properties.setProperty("connectTimeout", Long.toString(waitSeconds));
        properties.setProperty("socketTimeout", Long.toString(waitSeconds));
        properties.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (held) {
            return confirm();
        }
        try {
            Connection session = connected();
            try (PreparedStatement attempt = session.prepareStatement(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_try_advisory_lock(?) END")) {
                attempt.setLong(1, key);
                try (ResultSet answer = attempt.executeQuery()) {
                    answer.next();
                    Object won = answer.getObject(1);
                    if (won == null) {
                        log.warn("The database server is in recovery (a replica): not taking the consumer lease "
                                + "there; trying again through the URL");
                        disconnect();
                        return false;
                    }
                    held = (Boolean) won;
                    return held;
                }
            }
        } catch (SQLException | RuntimeException failed) {
            log.debug("Trying for the consumer lease failed: {}", failed.toString());
            disconnect();
            return false;
        }
    }

    @Override
    public synchronized boolean confirm() {
        if (!held) {
            return false;
        }
        // The lock lives as long as the session: an answer on it, from a primary, proves it is still ours.
        try (Statement check = connection.createStatement();
             ResultSet answer = check.executeQuery("SELECT pg_is_in_recovery()")) {
            answer.next();
            if (!answer.getBoolean(1)) {
                return true;
            }
            log.warn("The database server holding the consumer lease is in recovery now; giving the lease up");
        } catch (SQLException | RuntimeException failed) {
            log.warn("Confirming the consumer lease failed ({}); it is lost", failed.getMessage());
        }
        disconnect();
        return false;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    private Connection connected() throws SQLException {
        if (connection == null) {
            Connection opened = new Driver().connect(url, properties);
            if (opened == null) {
                throw new SQLException("not a PostgreSQL URL");
            }
            opened.setAutoCommit(true);
            limitIdleSession(opened);
            connection = opened;
        }
        return connection;
    }

    /** Makes the server end this session, and free the lock, when the holder has gone silent. */
    private void limitIdleSession(Connection session) throws SQLException {
        try (Statement set = session.createStatement()) {
            set.execute("SET idle_session_timeout = " + timeout.toMillis());
        } catch (SQLException unsupported) {
            if (!UNDEFINED_OBJECT.equals(unsupported.getSQLState())) {
                session.close();
                throw unsupported;
            }
            // Before PostgreSQL 14: only a closed connection (or TCP keepalive) frees a vanished holder's lease.
            if (!idleTimeoutUnsupportedLogged) {
                idleTimeoutUnsupportedLogged = true;
                log.warn("This PostgreSQL has no idle_session_timeout (before 14): a consumer whose host vanishes "
                        + "keeps the lease until the server notices its connection is dead");
            }
        }
    }

    private void disconnect() {
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                log.debug("Closing the lease's connection failed: {}", alreadyBroken.toString());
            }
            connection = null;
        }
    }
}
