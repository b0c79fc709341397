package org.allocation.adapters.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * One outbox row on its way to Redis.
 *
 * @param id          the row's id: the relay sends rows in id order, which is commit order per product
 * @param destination the pub/sub channel and the stream it goes to
 * @param payload     the event's JSON, exactly as subscribers read it
 * @param metadata    what a stream entry carries beside the payload (docs/MESSAGES.md); empty only where a
 *                    test or an older store does not read it, and then the entry carries the payload alone
 */
public record OutgoingMessage(long id, String destination, String payload, Optional<Metadata> metadata) {

    public OutgoingMessage(long id, String destination, String payload) {
        this(id, destination, payload, Optional.empty());
    }

    public OutgoingMessage(long id, String destination, String payload, Metadata metadata) {
        this(id, destination, payload, Optional.of(metadata));
    }

    /**
     * @param type          the event's name, such as {@code Allocated}
     * @param version       the schema version of the payload
     * @param messageId     unique per event, the same however often the row is relayed
     * @param correlationId what caused the event (an HTTP request id, an inbound entry), or the message id
     * @param occurredAt    when the event was recorded (its transaction's time)
     */
    public record Metadata(String type, int version, String messageId, String correlationId, Instant occurredAt) {
    }
}
