package org.allocation.service.handlers;

import org.allocation.domain.events.OutOfStock;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.ports.Notifications;
import org.allocation.service.ports.UnitOfWork;

/** Tells the buyers when a SKU runs out, so that they can order more. */
public final class SendOutOfStockNotification implements EventHandler<OutOfStock> {

    private final Notifications notifications;
    private final String destination;

    /**
     * A handler that tells {@code destination}.
     *
     * @param notifications how people are told
     * @param destination   who is told, such as the buyers' e-mail address
     */
    public SendOutOfStockNotification(Notifications notifications, String destination) {
        this.notifications = notifications;
        this.destination = destination;
    }

    @Override
    public void handle(OutOfStock event, UnitOfWork uow) {
        notifications.send(destination, "Out of stock for " + event.sku());
    }
}
