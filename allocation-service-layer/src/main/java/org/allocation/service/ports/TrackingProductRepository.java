package org.allocation.service.ports;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;

/**
 * A repository that remembers every product it hands out or takes in, so that the unit of work can collect
 * their events at commit. Implementations only say how to store and find.
 */
public abstract class TrackingProductRepository implements ProductRepository {

    private final Set<Product> seen = new LinkedHashSet<>();

    @Override
    public final void add(Product product) {
        store(product);
        seen.add(product);
    }

    @Override
    public final Optional<Product> get(String sku) {
        return track(findBySku(sku));
    }

    @Override
    public final Optional<Product> getForAllocation(OrderLine line) {
        return track(findForAllocation(line));
    }

    @Override
    public final Optional<Product> getForQuantityChange(String batchref, int qty) {
        return track(findForQuantityChange(batchref, qty));
    }

    @Override
    public final Optional<Product> getForNewBatch(String sku, String batchref) {
        return track(findForNewBatch(sku, batchref));
    }

    @Override
    public final Optional<Product> getByBatchRef(String batchref) {
        return track(findByBatchRef(batchref));
    }

    /**
     * The products handed out or taken in so far, in that order.
     *
     * @return the live set, which the unit of work reads at commit
     */
    public final Set<Product> seen() {
        return seen;
    }

    /**
     * Takes in a new product, to be stored at commit.
     *
     * @param product a product the store does not have yet
     */
    protected abstract void store(Product product);

    /**
     * Finds the whole product of this SKU.
     *
     * @param sku the SKU
     * @return the product, or empty when there is none
     */
    protected abstract Optional<Product> findBySku(String sku);

    /**
     * Finds the whole product that has a batch with this reference.
     *
     * @param batchref the batch's reference
     * @return the product, or empty when no batch has it
     */
    protected abstract Optional<Product> findByBatchRef(String batchref);

    /**
     * The whole product, unless the store can leave out what allocating this line cannot involve (see
     * {@link ProductRepository#getForAllocation}).
     *
     * @param line the order line about to be allocated
     * @return the product, or empty when the SKU has none
     */
    protected Optional<Product> findForAllocation(OrderLine line) {
        return findBySku(line.sku());
    }

    /**
     * The whole product, unless the store can leave out what changing this batch's quantity cannot involve (see
     * {@link ProductRepository#getForQuantityChange}).
     *
     * @param batchref the batch's reference
     * @param qty      the quantity the batch is about to be set to
     * @return the product, or empty when no batch has that reference
     */
    protected Optional<Product> findForQuantityChange(String batchref, int qty) {
        return findByBatchRef(batchref);
    }

    /**
     * The whole product, unless the store can leave out what adding a batch under this reference cannot involve
     * (see {@link ProductRepository#getForNewBatch}).
     *
     * @param sku      the new batch's SKU
     * @param batchref the new batch's reference
     * @return the product, or empty when neither the reference nor the SKU is known
     */
    protected Optional<Product> findForNewBatch(String sku, String batchref) {
        return findByBatchRef(batchref).or(() -> findBySku(sku));
    }

    private Optional<Product> track(Optional<Product> found) {
        found.ifPresent(seen::add);
        return found;
    }
}
