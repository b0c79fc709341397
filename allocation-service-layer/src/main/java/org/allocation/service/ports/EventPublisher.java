package org.allocation.service.ports;

import org.allocation.domain.events.Event;

/** Tells other systems what happened here, on a named channel of a message broker. */
public interface EventPublisher {

    /**
     * Publishes the event. Called after the change that recorded it was committed; it may be called again for
     * the same event after a crash, so a receiver must tolerate a repeat.
     *
     * @param channel the channel's name, such as {@code line_allocated}
     * @param event   what happened
     */
    void publish(String channel, Event event);
}
