package org.allocation.service.inmemory;

import org.allocation.service.Bootstrap;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView;

/**
 * The whole service in memory, with no server: a message bus over an in-memory store, its read model, and
 * a publisher to listen to. For applications that embed allocation, and for trying it out.
 *
 * <pre>{@code
 * var allocation = InMemoryAllocation.start();
 * allocation.bus().handle(CreateBatch.inWarehouse("batch-1", "LAMP", 20));
 * Optional<String> batchref = allocation.bus().handle(new Allocate("order-1", "LAMP", 2));
 * }</pre>
 */
public record InMemoryAllocation(MessageBus bus, AllocationsView views, InMemoryEventPublisher publisher) {

    public static InMemoryAllocation start() {
        InMemoryProductStore store = new InMemoryProductStore();
        InMemoryEventPublisher publisher = new InMemoryEventPublisher();
        MessageBus bus = Bootstrap.messageBus(() -> new InMemoryUnitOfWork(store), new LoggingNotifications(),
                publisher, RetryPolicy.standard());
        return new InMemoryAllocation(bus, new InMemoryAllocationsView(store), publisher);
    }
}
