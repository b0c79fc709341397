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

    /**
     * The bus of the service, telling {@value #DEFAULT_OUT_OF_STOCK_DESTINATION} when a SKU runs out.
     *
     * @param unitsOfWork   where products are kept: a fresh unit of work for each message
     * @param notifications how people are told (out of stock)
     * @param publisher     how other systems hear of each allocation
     * @param retry         how often a message that lost an optimistic-concurrency race is handled again
     * @return the bus, ready for any number of threads
     */
    public static MessageBus messageBus(UnitOfWorkFactory unitsOfWork, Notifications notifications,
                                        EventPublisher publisher, RetryPolicy retry) {
        return messageBus(unitsOfWork, notifications, DEFAULT_OUT_OF_STOCK_DESTINATION, publisher, retry);
    }

    /**
     * The bus of the service.
     *
     * @param unitsOfWork           where products are kept: a fresh unit of work for each message
     * @param notifications         how people are told (out of stock)
     * @param outOfStockDestination who is told when a SKU runs out, such as the buyers' e-mail address
     * @param publisher             how other systems hear of each allocation
     * @param retry                 how often a message that lost an optimistic-concurrency race is handled again
     * @return the bus, ready for any number of threads
     */
    public static MessageBus messageBus(UnitOfWorkFactory unitsOfWork, Notifications notifications,
                                        String outOfStockDestination, EventPublisher publisher,
                                        RetryPolicy retry) {
        return messageBus(unitsOfWork, notifications, outOfStockDestination, publisher, retry,
                MessageBusMonitor.NONE);
    }

    /**
     * As the others, with the bus telling {@code monitor} how each message went.
     *
     * @param unitsOfWork           where products are kept: a fresh unit of work for each message
     * @param notifications         how people are told (out of stock)
     * @param outOfStockDestination who is told when a SKU runs out, such as the buyers' e-mail address
     * @param publisher             how other systems hear of each allocation
     * @param retry                 how often a message that lost an optimistic-concurrency race is handled again
     * @param monitor               told how each message went (timings, outcomes, retries)
     * @return the bus, ready for any number of threads
     */
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
