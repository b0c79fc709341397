package org.allocation.service.messagebus;

import org.allocation.domain.commands.Command;
import org.allocation.service.ports.UnitOfWork;

/**
 * Does what one kind of command asks, in the unit of work the bus gives it, and answers the sender.
 *
 * @param <C> the command handled
 * @param <R> the answer
 */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {

    R handle(C command, UnitOfWork uow);
}
