package org.allocation.service.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.allocation.domain.events.Event;
import org.allocation.service.ports.EventPublisher;

/** Keeps what it was asked to publish, in order, so a test can read it. */
public final class FakeEventPublisher implements EventPublisher {

    public record Published(String channel, Event event) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String channel, Event event) {
        published.add(new Published(channel, event));
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public List<Event> events() {
        return published.stream().map(Published::event).toList();
    }
}
