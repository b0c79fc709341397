package org.allocation.adapters.persistence.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.allocation.adapters.delivery.OutgoingMessage;

/** The metadata columns of an outbox row (V3), read after the row's id, destination and payload. */
final class OutboxMetadata {

    static final String COLUMNS = "event_type, schema_version, message_id, correlation_id, created_at";

    private OutboxMetadata() {
    }

    /** The metadata in the five columns starting at {@code first}, in the order of {@link #COLUMNS}. */
    static OutgoingMessage.Metadata read(ResultSet row, int first) throws SQLException {
        String messageId = row.getString(first + 2);
        String correlationId = row.getString(first + 3);
        return new OutgoingMessage.Metadata(row.getString(first), row.getInt(first + 1), messageId,
                // An event nothing identified caused (a recovery sweep) is its own correlation.
                correlationId == null ? messageId : correlationId,
                row.getTimestamp(first + 4).toInstant());
    }
}
