package org.allocation.service.handlers;

import java.util.Optional;
import org.allocation.domain.commands.Allocate;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.ports.UnitOfWork;

/**
 * Allocates an order line to its product's best batch. An unknown SKU is refused with {@link InvalidSku};
 * running out of stock is not an error but an empty answer (and an {@code OutOfStock} event).
 */
public final class AllocateHandler implements CommandHandler<Allocate, Optional<String>> {

    @Override
    public Optional<String> handle(Allocate command, UnitOfWork uow) {
        OrderLine line = new OrderLine(command.orderid(), command.sku(), command.qty());
        Product product = uow.products().getForAllocation(line)
                .orElseThrow(() -> new InvalidSku(line.sku()));
        Optional<String> batchref = product.allocate(line);
        uow.commit();
        return batchref;
    }
}
