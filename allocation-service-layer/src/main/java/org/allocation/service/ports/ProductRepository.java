package org.allocation.service.ports;

import java.util.Optional;
import org.allocation.domain.model.Product;

/**
 * Where products are kept. Each product it hands out or takes in is one the unit of work has "seen": its
 * events are collected when the unit of work commits.
 */
public interface ProductRepository {

    /** Keeps a new product; it is stored when the unit of work commits. */
    void add(Product product);

    /** The product of this SKU, or empty when there is none. */
    Optional<Product> get(String sku);

    /** The product that has a batch with this reference, or empty when no batch has it. */
    Optional<Product> getByBatchRef(String batchref);
}
