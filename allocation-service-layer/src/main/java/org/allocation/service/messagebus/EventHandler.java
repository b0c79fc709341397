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

    /**
     * Reacts to the event. It may run more than once for one event (after a lost race, or when a recovery
     * finds its handling unfinished), so it must do no harm the second time.
     *
     * @param event the event, already committed by the change that recorded it
     * @param uow   a fresh unit of work for this handler alone, which it commits if it changes anything; the bus
     *              closes it
     */
    void handle(E event, UnitOfWork uow);
}
