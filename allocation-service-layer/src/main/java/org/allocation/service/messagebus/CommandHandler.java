package org.allocation.service.messagebus;

import org.allocation.domain.commands.Command;
import org.allocation.service.ports.UnitOfWork;

/**
 * Does what one kind of command asks, in the unit of work the bus gives it, and answers the sender. The bus
 * owns the unit of work: it opens it, and once the handler returns (or throws) it collects the events the
 * commit took and closes it, rolling back whatever the handler did not commit.
 *
 * @param <C> the command handled
 * @param <R> the answer
 */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {

    /**
     * Does what the command asks and commits it, or throws and changes nothing.
     *
     * @param command the command
     * @param uow     a fresh unit of work for this command alone, which the handler commits and the bus closes
     * @return the answer for the sender
     * @throws org.allocation.service.ports.ConcurrencyConflict when another change of the same product
     *         committed first; the bus runs the handler again on a fresh unit of work
     */
    R handle(C command, UnitOfWork uow);
}
