package org.allocation.domain.model;

import org.allocation.domain.Require;

/**
 * One line of a customer's order: so many units of one SKU. A value: two lines with the same order id, SKU
 * and quantity are the same line, which is what makes a repeated allocation recognisable.
 *
 * @param orderid the customer order the line belongs to
 * @param sku     the stock-keeping unit ordered
 * @param qty     how many units, at least 1
 */
public record OrderLine(String orderid, String sku, int qty) {

    /**
     * Checks the values.
     *
     * @param orderid the customer order the line belongs to
     * @param sku     the stock-keeping unit ordered
     * @param qty     how many units, at least 1
     * @throws org.allocation.domain.InvalidValue when an identifier is blank or the quantity below 1
     */
    public OrderLine {
        Require.identifier("orderid", orderid);
        Require.identifier("sku", sku);
        Require.atLeast("qty", qty, 1);
    }
}
