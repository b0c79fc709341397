package org.allocation.service.handlers;

import org.allocation.domain.events.Event;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.ports.EventPublisher;
import org.allocation.service.ports.UnitOfWork;

/**
 * Tells other systems what happened, on the event's channel: {@code Bootstrap} registers one for each event of
 * its table of outgoing events.
 */
public final class PublishOutgoingEvent implements EventHandler<Event> {

    private final EventPublisher publisher;
    private final String channel;

    /**
     * A handler that publishes on this channel.
     *
     * @param publisher where events are published
     * @param channel   the channel of the event type this handler is registered for, such as
     *                  {@code line_allocated}
     */
    public PublishOutgoingEvent(EventPublisher publisher, String channel) {
        this.publisher = publisher;
        this.channel = channel;
    }

    @Override
    public void handle(Event event, UnitOfWork uow) {
        publisher.publish(channel, event);
    }

    @Override
    public String toString() {
        return "PublishOutgoingEvent[" + channel + "]";
    }
}
