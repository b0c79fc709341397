package org.allocation.adapters.delivery;

import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;

/**
 * The publisher the bus gets when an outbox is in place. The unit of work already stored the event, in the
 * transaction that recorded it; publishing it only wakes the relay, so that it reaches Redis at once rather
 * than at the next sweep.
 */
public final class OutboxPublisher implements EventPublisher {

    private final OutboxRelay relay;

    public OutboxPublisher(OutboxRelay relay) {
        this.relay = relay;
    }

    /** @throws IllegalArgumentException for an event the outbox does not keep for that channel: a wiring bug */
    @Override
    public void publish(String channel, Event event) {
        if (!OutgoingEvents.destinationOf(event).filter(channel::equals).isPresent()) {
            throw new IllegalArgumentException(event + " on " + channel + " is not stored in the outbox; "
                    + "add it to OutgoingEvents");
        }
        relay.nudge();
    }
}
