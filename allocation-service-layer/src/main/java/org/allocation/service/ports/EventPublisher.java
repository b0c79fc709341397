package org.allocation.service.ports;

import org.allocation.domain.events.Event;

/** Tells other systems what happened here, on a named channel of a message broker. */
public interface EventPublisher {

    void publish(String channel, Event event);
}
