package org.allocation.service.handlers;

import org.allocation.domain.commands.Allocate;
import org.allocation.domain.events.Deallocated;
import org.allocation.service.messagebus.EventHandler;
import org.allocation.service.ports.UnitOfWork;

/** A line a shrinking batch gave back is allocated again, to another batch or to {@code OutOfStock}. */
public final class ReallocateHandler implements EventHandler<Deallocated> {

    private final AllocateHandler allocate;

    /**
     * A handler that allocates again as {@code allocate} allocates a new line, by the same rules.
     *
     * @param allocate the handler of {@code Allocate}
     */
    public ReallocateHandler(AllocateHandler allocate) {
        this.allocate = allocate;
    }

    @Override
    public void handle(Deallocated event, UnitOfWork uow) {
        allocate.handle(new Allocate(event.orderid(), event.sku(), event.qty()), uow);
    }
}
