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
     * The product that has a batch with this reference, ready to set that batch's quantity to {@code qty}, or
     * empty when no batch has it. A store may leave out of it every other batch and every line of this one but
     * the most recent, as many as a shrink to {@code qty} gives back (none when it does not shrink below what is
     * allocated), so that the cost of a change does not grow with the product's history. Use it for
     * {@link Product#changeBatchQuantity} of that batch only.
     *
     * @param batchref the batch's reference
     * @param qty      the quantity the batch is about to be set to
     * @return the product, or empty when no batch has that reference
     */
    Optional<Product> getForQuantityChange(String batchref, int qty);

    /**
     * The product that a new batch under this reference would join, ready to take it: the product that already
     * has a batch with this reference, if any (so that the caller sees the reference is taken), else the product
     * of {@code sku}, or empty when there is neither. A store may leave out of it every batch but the one with
     * this reference and every line, so that adding a batch costs the same however long the product's history.
     * Use it for {@link Product#addBatch} only.
     *
     * @param sku      the new batch's SKU
     * @param batchref the new batch's reference
     * @return the product, or empty when neither the reference nor the SKU is known
     */
    Optional<Product> getForNewBatch(String sku, String batchref);

    /**
     * The whole product that has a batch with this reference.
     *
     * @param batchref the batch's reference
     * @return the product, or empty when no batch has it
     */
    Optional<Product> getByBatchRef(String batchref);
}
