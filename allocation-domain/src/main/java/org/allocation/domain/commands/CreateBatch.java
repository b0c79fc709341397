package org.allocation.domain.commands;

import java.time.LocalDate;
import java.util.Optional;
import org.allocation.domain.Require;

/**
 * Record a new batch of stock. Sending the same batch again is harmless; a different batch under a reference
 * already taken is refused.
 *
 * @param eta when the batch arrives, or empty when it is already in the warehouse
 */
public record CreateBatch(String ref, String sku, int qty, Optional<LocalDate> eta) implements Command<Void> {

    public CreateBatch {
        Require.identifier("ref", ref);
        Require.identifier("sku", sku);
        Require.atLeast("qty", qty, 1);
        Require.present("eta", eta);
    }

    public static CreateBatch inWarehouse(String ref, String sku, int qty) {
        return new CreateBatch(ref, sku, qty, Optional.empty());
    }

    public static CreateBatch inShipment(String ref, String sku, int qty, LocalDate eta) {
        return new CreateBatch(ref, sku, qty, Optional.of(eta));
    }
}
