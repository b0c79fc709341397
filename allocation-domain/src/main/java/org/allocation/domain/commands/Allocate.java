package org.allocation.domain.commands;

import java.util.Optional;
import org.allocation.domain.Require;

/**
 * Allocate an order line to the best batch of its SKU. Gives back the reference of the batch chosen, or
 * nothing when the SKU is out of stock. Sending the same line again answers the batch it is already in and
 * changes nothing. A SKU that has never had a batch is refused.
 *
 * @param orderid the customer order the line belongs to
 * @param sku     the SKU ordered
 * @param qty     how many units, at least 1
 */
public record Allocate(String orderid, String sku, int qty) implements Command<Optional<String>> {

    /**
     * Checks the values.
     *
     * @param orderid the customer order the line belongs to
     * @param sku     the SKU ordered
     * @param qty     how many units, at least 1
     * @throws org.allocation.domain.InvalidValue when an identifier is blank or the quantity below 1
     */
    public Allocate {
        Require.identifier("orderid", orderid);
        Require.identifier("sku", sku);
        Require.atLeast("qty", qty, 1);
    }
}
