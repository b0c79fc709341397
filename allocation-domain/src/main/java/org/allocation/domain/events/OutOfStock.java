package org.allocation.domain.events;

/**
 * No batch of this SKU could take an order line: somebody should buy more. Recorded each time a line finds no
 * batch, so the same shortage may be reported more than once.
 *
 * @param sku the SKU that ran out
 */
public record OutOfStock(String sku) implements Event {
}
