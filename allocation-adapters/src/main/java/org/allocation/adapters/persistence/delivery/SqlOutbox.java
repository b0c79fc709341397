package org.allocation.adapters.persistence.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.allocation.adapters.delivery.OutboxStore;
import org.allocation.adapters.delivery.OutgoingMessage;
import org.allocation.adapters.persistence.PersistenceErrors;

/**
 * The outbox table, relayed by one relayer at a time across every process on the database: each pass takes
 * a transaction-level advisory lock first ({@code pg_advisory_xact_lock}, released by the commit; a relayer
 * that finds it taken waits for it, so a row committed during another's pass goes out right after it, not
 * after a back-off), so two relayers never send the same rows, and rows go out in id order, which is commit order for each product (a
 * row's id is drawn after its product was read, and a product changed meanwhile fails the commit).
 *
 * <p>A pass costs two round trips to PostgreSQL: the lock with the rows taken and deleted
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
    /** Far longer than a pass takes; a holder stuck that long (Redis away) makes the others back off. */
    private static final int LOCK_PATIENCE_MS = 1_000;
    /**
     * The whole take, in one round trip: READ COMMITTED for this transaction only, a commit that does not
     * wait for the disk, the lock (waited for, briefly: the other relayer holds it only for one pass), then the
     * oldest rows, deleted. Each statement at READ COMMITTED sees what was committed when it starts, so the
     * delete, which starts once the lock is ours, sees every row the previous holder did not take.
     */
    private static final String TAKE_OLDEST = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;"
            + " SET LOCAL synchronous_commit = off;"
            + " SET LOCAL lock_timeout = '" + LOCK_PATIENCE_MS + "ms';"
            + " SELECT pg_advisory_xact_lock(" + RELAY_LOCK_KEY + ");"
            + " DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT ?)"
            + " RETURNING id, destination, payload, " + OutboxMetadata.COLUMNS;
    /** PostgreSQL's lock_not_available: the lock was not ours within the patience. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

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
                if (pass == Pass.BUSY) {
                    connection.rollback(); // the lock's timeout aborted the transaction
                } else {
                    connection.commit();
                }
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
        List<OutgoingMessage> oldest;
        try {
            oldest = takeOldest(connection, limit);
        } catch (SQLException busy) {
            if (LOCK_NOT_AVAILABLE.equals(busy.getSQLState())) {
                return Pass.BUSY;
            }
            throw busy;
        }
        if (oldest.isEmpty()) {
            return Pass.EMPTY;
        }
        delivery.accept(oldest);
        return Pass.RELAYED;
    }

    /** The oldest rows, deleted; in id order, which {@code RETURNING} does not promise by itself. */
    private static List<OutgoingMessage> takeOldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE_OLDEST)) {
            take.setInt(1, limit);
            // The SETs answer update counts, the lock one row of one (void) column; the delete's rows come last.
            boolean isRows = take.execute();
            List<OutgoingMessage> rows = new ArrayList<>();
            while (isRows || take.getUpdateCount() != -1) {
                if (isRows) {
                    try (ResultSet result = take.getResultSet()) {
                        while (result.getMetaData().getColumnCount() > 1 && result.next()) {
                            rows.add(new OutgoingMessage(result.getLong(1), result.getString(2), result.getString(3),
                                    OutboxMetadata.read(result, 4)));
                        }
                    }
                }
                isRows = take.getMoreResults();
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
