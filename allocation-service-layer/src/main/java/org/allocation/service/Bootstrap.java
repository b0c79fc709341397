package org.allocation.service;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.allocation.service.handlers.PublishOutgoingEvent;
import org.allocation.service.handlers.ReallocateHandler;
import org.allocation.service.handlers.SendOutOfStockNotification;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.MessageBusMonitor;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.EventPublisher;
import org.allocation.service.ports.Notifications;
import org.allocation.service.ports.OutgoingEvents;
import org.allocation.service.ports.UnitOfWorkFactory;

/**
 * Wires the handlers to their ports and to the messages they handle. The three tables below are the whole flow
 * of the service: read them to see what happens when a message arrives, and what other systems hear of it.
 */
public final class Bootstrap {

    /**
     * The events other systems hear of, and the channel (a Redis stream in production) each leaves on: each is
     * published by a {@link PublishOutgoingEvent} once committed, and a unit of work over a database keeps
     * exactly these in its outbox, in the transaction that recorded them. A new outgoing event is one line here.
     */
    public static final OutgoingEvents OUTGOING_EVENTS = new OutgoingEvents(Map.of(
            Allocated.class, "line_allocated"));

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
                Deallocated.class, List.of(new ReallocateHandler(allocate)),
                OutOfStock.class, List.of(new SendOutOfStockNotification(notifications, outOfStockDestination)));

        return new MessageBus(unitsOfWork, commandHandlers, publishingOutgoingEvents(eventHandlers, publisher),
                retry, monitor);
    }

    /** The event handlers, with a {@link PublishOutgoingEvent} first for each event of {@link #OUTGOING_EVENTS}. */
    private static Map<Class<? extends Event>, List<EventHandler<?>>> publishingOutgoingEvents(
            Map<Class<? extends Event>, List<EventHandler<?>>> eventHandlers, EventPublisher publisher) {
        Map<Class<? extends Event>, List<EventHandler<?>>> all = new HashMap<>(eventHandlers);
        OUTGOING_EVENTS.channels().forEach((type, channel) -> {
            List<EventHandler<?>> handlers = new ArrayList<>();
            handlers.add(new PublishOutgoingEvent(publisher, channel));
            handlers.addAll(eventHandlers.getOrDefault(type, List.of()));
            all.put(type, handlers);
        });
        return all;
    }
}
