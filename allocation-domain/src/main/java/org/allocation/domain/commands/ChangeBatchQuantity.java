package org.allocation.domain.commands;

import org.allocation.domain.Require;

/**
 * The purchased quantity of a batch changed upstream (a shipment was damaged, an order was cut). Lines the
 * batch can no longer cover are allocated elsewhere.
 */
public record ChangeBatchQuantity(String ref, int qty) implements Command<Void> {

    public ChangeBatchQuantity {
        Require.identifier("ref", ref);
        Require.atLeast("qty", qty, 0);
    }
}
