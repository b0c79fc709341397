package org.allocation.domain.events;

/** A batch shrank below its allocations and gave this line back; it must be allocated again. */
public record Deallocated(String orderid, String sku, int qty) implements Event {
}
