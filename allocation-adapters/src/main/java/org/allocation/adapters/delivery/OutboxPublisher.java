package org.allocation.adapters.delivery;

import java.time.Duration;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;

/**
 * The publisher the bus gets when an outbox is in place. The unit of work already stored the event, in the
 * transaction that recorded it; publishing it wakes the relay, so that it reaches Redis at once rather than
 * at the next sweep, and waits (briefly) until it has: so the handling of a message, such as an HTTP
 * request, ends with its events on their way, as a publisher that sent them itself would (the book's does).
 * When Redis is slow or away, the wait ends at the patience and the relay delivers the events later.
 */
public final class OutboxPublisher implements EventPublisher {

    private final OutboxRelay relay;
    private final Duration patience;

    /** @param patience how long publishing waits for the relay; zero only wakes it */
    public OutboxPublisher(OutboxRelay relay, Duration patience) {
        this.relay = relay;
        this.patience = patience;
    }

    /** @throws IllegalArgumentException for an event the outbox does not keep for that channel: a wiring bug */
    @Override
    public void publish(String channel, Event event) {
        if (!OutgoingEvents.destinationOf(event).filter(channel::equals).isPresent()) {
            throw new IllegalArgumentException(event + " on " + channel + " is not stored in the outbox; "
                    + "add it to OutgoingEvents");
        }
        if (patience.isZero()) {
            relay.nudge();
        } else {
            relay.relayAndAwait(patience);
        }
    }
}
