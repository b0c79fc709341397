package org.allocation.domain.events;

/** An order line was allocated to a batch: the warehouse can reserve the stock for it. */
public record Allocated(String orderid, String sku, int qty, String batchref) implements Event {
}
