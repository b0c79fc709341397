package org.allocation.service.handlers;

/** An order line for a SKU we have never had a batch of. */
public final class InvalidSku extends RuntimeException {

    /** The SKU that has no batch. */
    private final String sku;

    /**
     * The error for this SKU.
     *
     * @param sku the SKU that has no batch
     */
    public InvalidSku(String sku) {
        super("Invalid sku " + sku);
        this.sku = sku;
    }

    /**
     * The SKU that has no batch.
     *
     * @return the SKU as it was given
     */
    public String sku() {
        return sku;
    }
}
