package org.allocation.service;

import java.util.List;
import java.util.Map;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.commands.Command;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.events.Allocated;
import org.allocation.domain.events.Deallocated;
import org.allocation.domain.events.Event;
import org.allocation.domain.events.OutOfStock;
import org.allocation.service.handlers.AddBatchHandler;
import org.allocation.service.handlers.AllocateHandler;
import org.allocation.service.handlers.ChangeBatchQuantityHandler;
import org.allocation.service.handlers.PublishAllocatedEvent;
import org.allocation.service.handlers.ReallocateHandler;
import org.allocation.service.handlers.SendOutOfStockNotification;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.MessageBusMonitor;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.EventPublisher;
import org.allocation.service.ports.Notifications;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * Wires the handlers to their ports and to the messages they handle. The two tables below are the whole flow
 * of the service: read them to see what happens when a message arrives.
 */
public final class Bootstrap {

    /** Who hears that a SKU ran out, unless told otherwise. */
    public static final String DEFAULT_OUT_OF_STOCK_DESTINATION = "stock@made.com";

    private Bootstrap() {
    }

    public static MessageBus messageBus(UnitOfWorkFactory unitsOfWork, Notifications notifications,
                                        EventPublisher publisher, RetryPolicy retry) {
        return messageBus(unitsOfWork, notifications, DEFAULT_OUT_OF_STOCK_DESTINATION, publisher, retry);
    }

    public static MessageBus messageBus(UnitOfWorkFactory unitsOfWork, Notifications notifications,
                                        String outOfStockDestination, EventPublisher publisher,
                                        RetryPolicy retry) {
        return messageBus(unitsOfWork, notifications, outOfStockDestination, publisher, retry,
                MessageBusMonitor.NONE);
    }

    /** As the others, with the bus telling {@code monitor} how each message went. */
    public static MessageBus messageBus(UnitOfWorkFactory unitsOfWork, Notifications notifications,
                                        String outOfStockDestination, EventPublisher publisher,
                                        RetryPolicy retry, MessageBusMonitor monitor) {
        AllocateHandler allocate = new AllocateHandler();

        Map<Class<? extends Command<?>>, CommandHandler<?, ?>> commandHandlers = Map.of(
                CreateBatch.class, new AddBatchHandler(),
                Allocate.class, allocate,
                ChangeBatchQuantity.class, new ChangeBatchQuantityHandler());

        Map<Class<? extends Event>, List<EventHandler<?>>> eventHandlers = Map.of(
                Allocated.class, List.of(new PublishAllocatedEvent(publisher)),
                Deallocated.class, List.of(new ReallocateHandler(allocate)),
                OutOfStock.class, List.of(new SendOutOfStockNotification(notifications, outOfStockDestination)));

        return new MessageBus(unitsOfWork, commandHandlers, eventHandlers, retry, monitor);
    }
}
