package org.allocation.domain.events;

/**
 * An order line was allocated to a batch: the warehouse can reserve the stock for it. Recorded once per
 * allocation; a line allocated again after a batch gave it back is a new allocation, recorded again.
 *
 * @param orderid  the customer order
 * @param sku      the SKU
 * @param qty      how many units
 * @param batchref the batch that holds the line now
 */
public record Allocated(String orderid, String sku, int qty, String batchref) implements Event {
}
