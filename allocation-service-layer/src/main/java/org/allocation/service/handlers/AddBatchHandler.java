package org.allocation.service.handlers;

import java.util.Optional;
import org.allocation.domain.commands.CreateBatch;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.Product;
import org.allocation.service.messagebus.CommandHandler;
import org.allocation.service.ports.UnitOfWork;

/**
 * Takes in a new batch, creating its product on the SKU's first batch. The same batch sent twice is taken
 * once; a different batch under a reference already in use is refused with {@link BatchReferenceTaken}.
 */
public final class AddBatchHandler implements CommandHandler<CreateBatch, Void> {

    @Override
    public Void handle(CreateBatch command, UnitOfWork uow) {
        Batch batch = new Batch(command.ref(), command.sku(), command.qty(), command.eta());
        Optional<Product> found = uow.products().getForNewBatch(command.sku(), command.ref());
        Optional<Batch> existing = found.flatMap(product -> product.batch(command.ref()));
        if (existing.isPresent()) {
            if (!existing.get().hasSameContentAs(batch)) {
                throw new BatchReferenceTaken(command.ref());
            }
            return null;
        }
        Product product = found.orElseGet(() -> {
            Product created = Product.withoutStock(command.sku());
            uow.products().add(created);
            return created;
        });
        product.addBatch(batch);
        uow.commit();
        return null;
    }
}
