package org.allocation.adapters.persistence.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.allocation.adapters.delivery.EventJson;
import org.allocation.adapters.persistence.StatementBatch;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;
import org.allocation.service.Bootstrap;

/**
 * What a unit of work writes beside the aggregates, in the same transaction, so that nothing its change
 * causes is lost or done twice: the outgoing events ({@link Bootstrap#OUTGOING_EVENTS}, exactly those) into the
 * outbox, scheduled now for the relay to deliver later; deallocated lines into the pending reallocations
 * (settled by the transaction that allocates them again); and the id of the inbound message it handled.
 */
public final class DeliveryRecords {

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

    /** @param correlationId what caused the change, stored with the outgoing events (null when nothing known) */
    public static void write(Connection connection, List<Event> events, Optional<String> messageId,
                      Optional<Event> handledEvent, Optional<String> correlationId) throws SQLException {
        StatementBatch writes = new StatementBatch();
        addTo(writes, events, messageId, handledEvent, correlationId);
        writes.execute(connection);
    }

    /** Adds the records' statements to {@code writes}, to go in the same round trip as the change's own. */
    public static void addTo(StatementBatch writes, List<Event> events, Optional<String> messageId,
                      Optional<Event> handledEvent, Optional<String> correlationId) {
        if (handledEvent.isPresent() && handledEvent.get() instanceof Deallocated settled) {
            writes.add(DELETE_PENDING, settled.orderid(), settled.sku(), settled.qty());
        }
        for (Event event : events) {
            Optional<String> channel = Bootstrap.OUTGOING_EVENTS.channelOf(event);
            if (channel.isPresent()) {
                writes.add(INSERT_OUTGOING, channel.get(), event.getClass().getSimpleName(), EventJson.of(event),
                        EventJson.schemaVersionOf(event), correlationId.orElse(null));
            }
        }
        for (Event event : events) {
            if (event instanceof Deallocated line) {
                writes.add(INSERT_PENDING, line.orderid(), line.sku(), line.qty());
            }
        }
        messageId.ifPresent(id -> writes.add(INSERT_HANDLED, id));
    }

    public static boolean wasHandled(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_HANDLED)) {
            select.setString(1, messageId);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }
}
