package org.allocation.service.ports;

import java.util.Map;
import java.util.Optional;
import org.allocation.domain.events.Event;

/**
 * The events other systems hear of, each with the channel it leaves on: one table, which the bus's wiring
 * reads to publish each of them, and a unit of work over a database reads to keep exactly these in its outbox,
 * in the transaction that recorded them. The channel names are part of the contract with those systems
 * (docs/MESSAGES.md).
 *
 * @param channels the channel of each outgoing event type; an event type not in it stays inside the service
 */
public record OutgoingEvents(Map<Class<? extends Event>, String> channels) {

    /**
     * The table, copied.
     *
     * @param channels the channel of each outgoing event type
     */
    public OutgoingEvents {
        channels = Map.copyOf(channels);
    }

    /**
     * Where the event goes.
     *
     * @param event an event a product recorded
     * @return its channel; empty for an event that stays inside the service
     */
    public Optional<String> channelOf(Event event) {
        return Optional.ofNullable(channels.get(event.getClass()));
    }
}
