package org.allocation.service.handlers;

/** An order line for a SKU we have never had a batch of. */
public final class InvalidSku extends RuntimeException {

    private final String sku;

    public InvalidSku(String sku) {
        super("Invalid sku " + sku);
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
