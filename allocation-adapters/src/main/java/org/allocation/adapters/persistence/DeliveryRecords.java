package org.allocation.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.allocation.adapters.delivery.OutgoingEvents;
import org.allocation.adapters.redis.EventJson;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;

/**
 * What a unit of work writes beside the aggregates, in the same transaction, so that nothing its change
 * causes is lost or done twice: outgoing events into the outbox, deallocated lines into the pending
 * reallocations (settled by the transaction that allocates them again), and the id of the inbound message
 * it handled.
 */
final class DeliveryRecords {

    private static final String INSERT_OUTGOING =
            "INSERT INTO outbox (destination, event_type, payload, schema_version, correlation_id) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_PENDING =
            "INSERT INTO pending_reallocations (orderid, sku, qty) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DELETE_PENDING =
            "DELETE FROM pending_reallocations WHERE orderid = ? AND sku = ? AND qty = ?";
    // A concurrent handling of the same message violates the key: a lost race, retried, then recognised.
    private static final String INSERT_HANDLED = "INSERT INTO processed_messages (message_id) VALUES (?)";
    private static final String SELECT_HANDLED = "SELECT 1 FROM processed_messages WHERE message_id = ?";

    private DeliveryRecords() {
    }

    static void write(Connection connection, List<Event> events, Optional<String> messageId,
                      Optional<Event> handledEvent) throws SQLException {
        write(connection, events, messageId, handledEvent, Optional.empty());
    }

    /** @param correlationId what caused the change, stored with the outgoing events (null when nothing known) */
    static void write(Connection connection, List<Event> events, Optional<String> messageId,
                      Optional<Event> handledEvent, Optional<String> correlationId) throws SQLException {
        if (handledEvent.isPresent() && handledEvent.get() instanceof Deallocated settled) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_PENDING)) {
                setLine(delete, settled);
                delete.executeUpdate();
            }
        }
        writeOutgoing(connection, events, correlationId);
        writePending(connection, events);
        if (messageId.isPresent()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_HANDLED)) {
                insert.setString(1, messageId.get());
                insert.executeUpdate();
            }
        }
    }

    static boolean wasHandled(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_HANDLED)) {
            select.setString(1, messageId);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }

    private static void writeOutgoing(Connection connection, List<Event> events, Optional<String> correlationId)
            throws SQLException {
        List<Event> outgoing = events.stream()
                .filter(event -> OutgoingEvents.destinationOf(event).isPresent())
                .toList();
        insertEach(connection, INSERT_OUTGOING, outgoing, (insert, event) -> {
            insert.setString(1, OutgoingEvents.destinationOf(event).orElseThrow());
            insert.setString(2, event.getClass().getSimpleName());
            insert.setString(3, EventJson.of(event));
            insert.setInt(4, OutgoingEvents.schemaVersionOf(event));
            insert.setString(5, correlationId.orElse(null));
        });
    }

    private static void writePending(Connection connection, List<Event> events) throws SQLException {
        List<Deallocated> lines = events.stream()
                .filter(Deallocated.class::isInstance)
                .map(Deallocated.class::cast)
                .toList();
        insertEach(connection, INSERT_PENDING, lines, DeliveryRecords::setLine);
    }

    /** Sets a statement's parameters from one row; may fail as JDBC does. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** One batched INSERT for all the rows, and no statement at all when there are none. */
    private static <T> void insertEach(Connection connection, String sql, List<T> rows, Binder<T> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(insert, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setLine(PreparedStatement statement, Deallocated line) throws SQLException {
        statement.setString(1, line.orderid());
        statement.setString(2, line.sku());
        statement.setInt(3, line.qty());
    }
}
