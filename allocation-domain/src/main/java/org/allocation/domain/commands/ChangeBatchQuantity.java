package org.allocation.domain.commands;

import org.allocation.domain.Require;

/**
 * The purchased quantity of a batch changed upstream (a shipment was damaged, an order was cut). Lines the
 * batch can no longer cover are allocated elsewhere.
 *
 * @param ref the batch's reference
 * @param qty its new purchased quantity, at least 0
 */
public record ChangeBatchQuantity(String ref, int qty) implements Command<Void> {

    /**
     * Checks the values.
     *
     * @param ref the batch's reference
     * @param qty its new purchased quantity, at least 0
     * @throws org.allocation.domain.InvalidValue when the reference is blank or the quantity negative
     */
    public ChangeBatchQuantity {
        Require.identifier("ref", ref);
        Require.atLeast("qty", qty, 0);
    }
}
