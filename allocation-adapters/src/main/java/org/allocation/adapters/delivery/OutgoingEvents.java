package org.allocation.adapters.delivery;

import java.util.Optional;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.Channels;

/**
 * Which events leave the service, and where to: the unit of work stores these in the outbox with the change
 * that recorded them, and the relay takes them to Redis. A new outgoing event is one line here.
 */
public final class OutgoingEvents {

    private OutgoingEvents() {
    }

    /** The channel and stream (the same name) the event goes to; empty for events that stay inside. */
    public static Optional<String> destinationOf(Event event) {
        // Java 17 has no pattern switch: an event type added to the sealed interface stays inside until added here.
        if (event instanceof Allocated) {
            return Optional.of(Channels.LINE_ALLOCATED);
        }
        return Optional.empty();
    }

    /**
     * The schema version of the event's payload as it leaves the service (docs/MESSAGES.md): raised when a
     * field's meaning changes or one is removed, never for an added field.
     */
    public static int schemaVersionOf(Event event) {
        return 1;
    }
}
