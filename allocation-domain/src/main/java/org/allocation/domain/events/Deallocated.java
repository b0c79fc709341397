package org.allocation.domain.events;

/**
 * A batch shrank below its allocations and gave this line back; it must be allocated again (the service layer
 * does so at once, to another batch or to {@link OutOfStock}).
 *
 * @param orderid the customer order
 * @param sku     the SKU
 * @param qty     how many units
 */
public record Deallocated(String orderid, String sku, int qty) implements Event {
}
