package org.allocation.service.inmemory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;

/**
 * Publishes to listeners in the same JVM, on the publishing thread: how an application that embeds the
 * service hears about allocations without a broker.
 */
public final class InMemoryEventPublisher implements EventPublisher {

    private final List<BiConsumer<String, Event>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Calls the listener with the channel and the event of every message published from now on, on the
     * publishing thread: a listener that throws makes that event's handler fail (the bus logs it).
     *
     * @param listener told each channel and event
     */
    public void subscribe(BiConsumer<String, Event> listener) {
        listeners.add(listener);
    }

    @Override
    public void publish(String channel, Event event) {
        listeners.forEach(listener -> listener.accept(channel, event));
    }
}
