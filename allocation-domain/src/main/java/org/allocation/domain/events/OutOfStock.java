package org.allocation.domain.events;

/** No batch of this SKU could take an order line: somebody should buy more. */
public record OutOfStock(String sku) implements Event {
}
