package org.allocation.service.handlers;

import org.allocation.domain.commands.ChangeBatchQuantity;
import org.allocation.domain.model.Product;
import org.allocation.domain.model.UnknownBatch;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.ports.UnitOfWork;

/** Sets a batch's quantity; the lines it gives back are reallocated when their events are handled. */
public final class ChangeBatchQuantityHandler implements CommandHandler<ChangeBatchQuantity, Void> {

    @Override
    public Void handle(ChangeBatchQuantity command, UnitOfWork uow) {
        Product product = uow.products().getForQuantityChange(command.ref(), command.qty())
                .orElseThrow(() -> new UnknownBatch(command.ref()));
        product.changeBatchQuantity(command.ref(), command.qty());
        uow.commit();
        return null;
    }
}
