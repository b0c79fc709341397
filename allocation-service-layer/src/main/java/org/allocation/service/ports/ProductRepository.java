package org.allocation.service.ports;

import java.util.Optional;
import org.allocation.domain.model.OrderLine;
import org.allocation.domain.model.Product;

/**
 * Where products are kept. Each product it hands out or takes in is one the unit of work has "seen": its
 * events are collected when the unit of work commits.
 */
public interface ProductRepository {

    /**
     * Keeps a new product; it is stored when the unit of work commits.
     *
     * @param product a product the store does not have yet
     */
    void add(Product product);

    /**
     * The whole product of this SKU.
     *
     * @param sku the SKU
     * @return the product, or empty when there is none
     */
    Optional<Product> get(String sku);

    /**
     * The product of the line's SKU, ready to allocate the line, or empty when there is none. A store may
     * leave out of it what no allocation of this line can involve (batches with nothing left that hold no
     * line of this order, and the other orders' lines), so that the cost of allocating does not grow with
     * the product's history. Use it for {@link Product#allocate} only.
     *
     * @param line the order line about to be allocated
     * @return the product, or empty when the SKU has none
     */
    Optional<Product> getForAllocation(OrderLine line);

    /**
     * The whole product that has a batch with this reference.
     *
     * @param batchref the batch's reference
     * @return the product, or empty when no batch has it
     */
    Optional<Product> getByBatchRef(String batchref);
}
