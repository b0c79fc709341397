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
 *
 * <p>It keeps the guarantees of the PostgreSQL service: a unit of work changes copies and commits all or
 * nothing, a concurrent change of the same product loses and is retried, and a message with an id is handled
 * once. Notifications are WARN log lines. Nothing is persisted: a new {@code start()} begins empty.
 *
 * @param bus       handles the commands; safe for any number of threads
 * @param views     answers where an order's lines are allocated
 * @param publisher calls its listeners with each event published ({@code Allocated} on
 *                  {@code line_allocated}), on the thread that handles the command, before the command returns
 */
public record InMemoryAllocation(MessageBus bus, AllocationsView views, InMemoryEventPublisher publisher) {

    /**
     * A new, empty service: no batch, no product.
     *
     * @return the service, ready for commands
     */
    public static InMemoryAllocation start() {
        InMemoryProductStore store = new InMemoryProductStore();
        InMemoryEventPublisher publisher = new InMemoryEventPublisher();
        MessageBus bus = Bootstrap.messageBus(() -> new InMemoryUnitOfWork(store), new LoggingNotifications(),
                publisher, RetryPolicy.standard());
        return new InMemoryAllocation(bus, new InMemoryAllocationsView(store), publisher);
    }
}
