package org.allocation.service.inmemory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocation.domain.events.Event;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.AbstractUnitOfWork;
import org.allocation.service.ports.TrackingProductRepository;

/** A unit of work over an {@link InMemoryProductStore}: changes reach the store at commit, or never. */
public class InMemoryUnitOfWork extends AbstractUnitOfWork {

    private final InMemoryProductStore store;
    private final Repository products = new Repository();

    /**
     * A unit of work over this store.
     *
     * @param store the products, shared by every unit of work of one service
     */
    public InMemoryUnitOfWork(InMemoryProductStore store) {
        this.store = store;
    }

    @Override
    public TrackingProductRepository products() {
        return products;
    }

    @Override
    protected void doCommit(List<Event> events) {
        store.commit(products.readVersions, messageId());
        products.readVersions.replaceAll((product, version) -> product.versionNumber());
    }

    @Override
    protected boolean wasHandled(String messageId) {
        return store.wasHandled(messageId);
    }

    @Override
    protected void doRollback() {
        // Nothing reached the store: the copies handed out are simply dropped.
    }

    private final class Repository extends TrackingProductRepository {

        private final Map<Product, Integer> readVersions = new IdentityHashMap<>();

        @Override
        protected void store(Product product) {
            readVersions.putIfAbsent(product, InMemoryProductStore.NEW);
        }

        @Override
        protected Optional<Product> findBySku(String sku) {
            return remember(store.findBySku(sku));
        }

        @Override
        protected Optional<Product> findByBatchRef(String batchref) {
            return remember(store.findByBatchRef(batchref));
        }

        private Optional<Product> remember(Optional<Product> found) {
            found.ifPresent(product -> readVersions.putIfAbsent(product, product.versionNumber()));
            return found;
        }
    }
}
