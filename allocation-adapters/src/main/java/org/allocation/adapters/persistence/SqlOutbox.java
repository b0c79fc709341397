package org.allocation.adapters.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
 */
public final class SqlOutbox implements OutboxStore {

    /** An arbitrary key, the same in every process: "allocation outbox". */
    private static final long RELAY_LOCK_KEY = 0x616c6c6f636f7574L;

    private final DataSource dataSource;

    public SqlOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Pass relayOldest(int limit, Consumer<List<OutgoingMessage>> delivery) {
        try (Connection connection = dataSource.getConnection()) {
            // Each statement sees what is committed now, not a snapshot from the lock's statement.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
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
        List<OutgoingMessage> oldest = oldest(connection, limit);
        if (oldest.isEmpty()) {
            return Pass.EMPTY;
        }
        delivery.accept(oldest);
        delete(connection, oldest);
        return Pass.RELAYED;
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static List<OutgoingMessage> oldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, destination, payload, " + OutboxMetadata.COLUMNS + " FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            List<OutgoingMessage> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutgoingMessage(result.getLong(1), result.getString(2), result.getString(3),
                            OutboxMetadata.read(result, 4)));
                }
            }
            return rows;
        }
    }

    private static void delete(Connection connection, List<OutgoingMessage> relayed) throws SQLException {
        Array ids = connection.createArrayOf("bigint", relayed.stream().map(OutgoingMessage::id).toArray());
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            delete.setArray(1, ids);
            delete.executeUpdate();
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
