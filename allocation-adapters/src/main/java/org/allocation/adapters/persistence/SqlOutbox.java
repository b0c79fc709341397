package org.allocation.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.allocation.adapters.delivery.OutboxStore;
import org.allocation.adapters.delivery.OutgoingMessage;

/**
 * The outbox table, relayed by one relayer at a time across every process on the database: each pass takes
 * a transaction-level advisory lock first ({@code pg_try_advisory_xact_lock}, released by the commit), so two
 * relayers never send the same rows, and rows go out in id order, which is commit order for each product (a
 * row's id is drawn after its product was read, and a product changed meanwhile fails the commit).
 *
 * <p>A pass costs three round trips to PostgreSQL: the lock, the rows taken and deleted in one statement
 * ({@code DELETE ... RETURNING}, undone by the rollback when Redis does not take them), and the commit.
 * <ul>
 *   <li>The pass runs at READ COMMITTED, set for its own transaction only ({@code SET TRANSACTION}), so that
 *       the delete sees what is committed when it starts, after the lock was taken, not a snapshot from
 *       before; a pool connection keeps its REPEATABLE READ, and nothing has to set it back.</li>
 *   <li>Its commit does not wait for the disk ({@code synchronous_commit = off}): a delete that a crash of
 *       PostgreSQL loses only brings rows back, which are then sent again; a duplicate, which at least once
 *       allows. The changes that wrote the rows still commit durably.</li>
 * </ul>
 */
public final class SqlOutbox implements OutboxStore {

    /** An arbitrary key, the same in every process: "allocation outbox". */
    private static final long RELAY_LOCK_KEY = 0x616c6c6f636f7574L;
    /** Sent in one round trip, as the first statements of the pass's transaction. */
    private static final String BEGIN_PASS = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;"
            + " SET LOCAL synchronous_commit = off;"
            + " SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK_KEY + ")";
    private static final String TAKE_OLDEST = "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT ?)"
            + " RETURNING id, destination, payload, " + OutboxMetadata.COLUMNS;

    private final DataSource dataSource;

    public SqlOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Pass relayOldest(int limit, Consumer<List<OutgoingMessage>> delivery) {
        try (Connection connection = dataSource.getConnection()) {
            // The pool's connections are out of auto-commit already; this only guards another data source.
            connection.setAutoCommit(false);
            try {
                Pass pass = relay(connection, limit, delivery);
                connection.commit();
                return pass;
            } catch (SQLException | RuntimeException failure) {
                rollbackQuietly(connection);
                throw failure;
            }
        } catch (SQLException failure) {
            throw PersistenceErrors.translate("Relaying the outbox", failure);
        }
    }

    private static Pass relay(Connection connection, int limit, Consumer<List<OutgoingMessage>> delivery)
            throws SQLException {
        if (!lock(connection)) {
            return Pass.BUSY;
        }
        List<OutgoingMessage> oldest = takeOldest(connection, limit);
        if (oldest.isEmpty()) {
            return Pass.EMPTY;
        }
        delivery.accept(oldest);
        return Pass.RELAYED;
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (Statement begin = connection.createStatement()) {
            // The two SETs answer update counts; the lock's answer is the one result set.
            boolean isQuery = begin.execute(BEGIN_PASS);
            while (!isQuery) {
                isQuery = begin.getMoreResults();
                if (!isQuery && begin.getUpdateCount() == -1) {
                    throw new SQLException("No answer to the advisory lock in: " + BEGIN_PASS);
                }
            }
            try (ResultSet result = begin.getResultSet()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** The oldest rows, deleted; in id order, which {@code RETURNING} does not promise by itself. */
    private static List<OutgoingMessage> takeOldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE_OLDEST)) {
            take.setInt(1, limit);
            List<OutgoingMessage> rows = new ArrayList<>();
            try (ResultSet result = take.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutgoingMessage(result.getLong(1), result.getString(2), result.getString(3),
                            OutboxMetadata.read(result, 4)));
                }
            }
            rows.sort(Comparator.comparingLong(OutgoingMessage::id));
            return rows;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException alreadyGone) {
            // The server discards the transaction with the connection.
        }
    }
}
