package org.allocation.service.handlers;

import org.allocation.domain.events.Allocated;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.ports.Channels;
import org.allocation.service.ports.EventPublisher;
import org.allocation.service.ports.UnitOfWork;

/** Tells the warehouse about every allocation, on the {@value Channels#LINE_ALLOCATED} channel. */
public final class PublishAllocatedEvent implements EventHandler<Allocated> {

    private final EventPublisher publisher;

    /**
     * A handler that publishes through this publisher.
     *
     * @param publisher where allocations are published
     */
    public PublishAllocatedEvent(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handle(Allocated event, UnitOfWork uow) {
        publisher.publish(Channels.LINE_ALLOCATED, event);
    }
}
