package org.allocation.service.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocation.domain.model.Batch;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;
import org.allocation.service.ports.AllocationsView;
import org.allocation.service.ports.ConcurrencyConflict;

/**
 * Products kept in memory, with the guarantees of the real store: units of work get copies, and a commit
 * is refused with {@link ConcurrencyConflict} when a product changed since it was read. Thread-safe.
 */
public final class InMemoryProductStore {

    /** The version a product that did not exist yet was read at. */
    static final int NEW = -1;

    private final Map<String, Product> bySku = new HashMap<>();
    private final Map<String, String> skuByBatchRef = new HashMap<>();
    private final Set<String> handledMessages = new HashSet<>();

    synchronized Optional<Product> findBySku(String sku) {
        return Optional.ofNullable(bySku.get(sku)).map(Product::copy);
    }

    synchronized Optional<Product> findByBatchRef(String batchref) {
        return Optional.ofNullable(skuByBatchRef.get(batchref)).flatMap(this::findBySku);
    }

    /**
     * Stores the products as they are now, all or none.
     *
     * @param readVersions each product with the version it was read at, or {@link #NEW}
     * @param messageId    the message this change handles, recorded with it; a concurrent handling of the
     *                     same message loses, as with any other race
     */
    synchronized void commit(Map<Product, Integer> readVersions, Optional<String> messageId) {
        readVersions.forEach(this::checkUnchangedSinceRead);
        if (messageId.isPresent() && handledMessages.contains(messageId.get())) {
            throw new ConcurrencyConflict("Message " + messageId.get() + " was handled meanwhile");
        }
        messageId.ifPresent(handledMessages::add);
        readVersions.keySet().forEach(product -> {
            bySku.put(product.sku(), product.copy());
            product.batches().forEach(batch -> skuByBatchRef.put(batch.reference(), product.sku()));
        });
    }

    synchronized boolean wasHandled(String messageId) {
        return handledMessages.contains(messageId);
    }

    synchronized List<AllocationsView.Allocation> allocationsFor(String orderid) {
        List<AllocationsView.Allocation> found = new ArrayList<>();
        for (Product product : bySku.values()) {
            for (Batch batch : product.batches()) {
                for (OrderLine line : batch.allocations()) {
                    if (line.orderid().equals(orderid)) {
                        found.add(new AllocationsView.Allocation(line.sku(), batch.reference()));
                    }
                }
            }
        }
        return found;
    }

    private void checkUnchangedSinceRead(Product product, int readVersion) {
        Product stored = bySku.get(product.sku());
        int storedVersion = stored == null ? NEW : stored.versionNumber();
        if (storedVersion != readVersion) {
            throw new ConcurrencyConflict("Product " + product.sku() + " changed while it was being changed");
        }
        for (Batch batch : product.batches()) {
            String owner = skuByBatchRef.get(batch.reference());
            if (owner != null && !owner.equals(product.sku())) {
                throw new ConcurrencyConflict("Batch " + batch.reference() + " was added to " + owner + " meanwhile");
            }
        }
    }
}
