package org.allocation.domain.commands;

import java.time.LocalDate;
import java.util.Optional;
import org.allocation.domain.Require;

/**
 * Record a new batch of stock. Sending the same batch again is harmless; a different batch under a reference
 * already taken is refused.
 *
 * @param ref its identity, unique across all SKUs
 * @param sku the SKU it holds
 * @param qty how many units were bought, at least 1
 * @param eta when the batch arrives, or empty when it is already in the warehouse
 */
public record CreateBatch(String ref, String sku, int qty, Optional<LocalDate> eta) implements Command<Void> {

    /**
     * Checks the values.
     *
     * @param ref its identity, unique across all SKUs
     * @param sku the SKU it holds
     * @param qty how many units were bought, at least 1
     * @param eta when the batch arrives, or empty when it is already in the warehouse
     * @throws org.allocation.domain.InvalidValue when an identifier is blank, the quantity below 1 or
     *                                            {@code eta} null
     */
    public CreateBatch {
        Require.identifier("ref", ref);
        Require.identifier("sku", sku);
        Require.atLeast("qty", qty, 1);
        Require.present("eta", eta);
    }

    /**
     * A batch already in the warehouse.
     *
     * @param ref its identity, unique across all SKUs
     * @param sku the SKU it holds
     * @param qty how many units were bought, at least 1
     * @return the command
     */
    public static CreateBatch inWarehouse(String ref, String sku, int qty) {
        return new CreateBatch(ref, sku, qty, Optional.empty());
    }

    /**
     * A batch on its way, arriving on {@code eta}.
     *
     * @param ref its identity, unique across all SKUs
     * @param sku the SKU it holds
     * @param qty how many units were bought, at least 1
     * @param eta the day it arrives
     * @return the command
     */
    public static CreateBatch inShipment(String ref, String sku, int qty, LocalDate eta) {
        return new CreateBatch(ref, sku, qty, Optional.of(eta));
    }
}
