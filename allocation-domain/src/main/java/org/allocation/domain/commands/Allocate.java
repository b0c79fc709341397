package org.allocation.domain.commands;

import java.util.Optional;
import org.allocation.domain.Require;

/**
 * Allocate an order line to the best batch of its SKU. Gives back the reference of the batch chosen, or
 * nothing when the SKU is out of stock.
 */
public record Allocate(String orderid, String sku, int qty) implements Command<Optional<String>> {

    public Allocate {
        Require.identifier("orderid", orderid);
        Require.identifier("sku", sku);
        Require.atLeast("qty", qty, 1);
    }
}
