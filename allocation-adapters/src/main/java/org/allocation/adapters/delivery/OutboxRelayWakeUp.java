package org.allocation.adapters.delivery;

import java.time.Duration;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;

/**
 * The {@link EventPublisher} the bus gets when an outbox is in place, named for what it does: it publishes
 * nothing. The unit of work already stored the event in the outbox ("scheduled" it), in the transaction that
 * recorded it, as {@code Bootstrap.OUTGOING_EVENTS} says; this wakes the relay, so that the event reaches Redis
 * at once rather than at the next sweep, and waits (briefly) until it has: so the handling of a message, such
 * as an HTTP request, ends with its events on their way, as a publisher that sent them itself would (the
 * book's does). When Redis is slow or away, the wait ends at the patience and the relay delivers the events
 * later.
 */
public final class OutboxRelayWakeUp implements EventPublisher {

    private final OutboxRelay relay;
    private final Duration patience;

    /** @param patience how long waking the relay waits for it; zero only wakes it */
    public OutboxRelayWakeUp(OutboxRelay relay, Duration patience) {
        this.relay = relay;
        this.patience = patience;
    }

    /** Wakes the relay, which takes the event (already in the outbox) and any other waiting to its channel. */
    @Override
    public void publish(String channel, Event event) {
        if (patience.isZero()) {
            relay.nudge();
        } else {
            relay.relayAndAwait(patience);
        }
    }
}
