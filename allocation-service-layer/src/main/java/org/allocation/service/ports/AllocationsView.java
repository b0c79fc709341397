package org.allocation.service.ports;

import java.util.List;

/**
 * The read side: answers questions about allocations straight from storage, without loading aggregates,
 * because reading needs none of their rules.
 */
public interface AllocationsView {

    /**
     * Where each line of the order was allocated, as last committed.
     *
     * @param orderid the customer order
     * @return one entry per allocated line, in no particular order; empty when nowhere
     */
    List<Allocation> allocationsFor(String orderid);

    /**
     * One allocated line of an order.
     *
     * @param sku      the line's SKU
     * @param batchref the batch that holds it
     */
    record Allocation(String sku, String batchref) {
    }
}
