package org.allocation.service.messagebus;

import org.allocation.domain.events.Event;
import org.allocation.service.ports.UnitOfWork;

/**
 * Reacts to one kind of event, in the unit of work the bus gives it (a handler that changes nothing leaves
 * the unit of work alone, which costs nothing).
 *
 * @param <E> the event handled
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {

    void handle(E event, UnitOfWork uow);
}
